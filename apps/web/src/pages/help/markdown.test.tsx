import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref, slugify } from './markdown';
import { MarkdownBlock } from './markdown-view';

function html(
  source: string,
  resolve = (src: string) => (src.startsWith('images/') ? `/assets/${src}` : null),
) {
  return parseMarkdown(source)
    .map((block) => renderToStaticMarkup(<MarkdownBlock block={block} resolve={resolve} />))
    .join('');
}

describe('the guide renderer', () => {
  it('escapes HTML in the text instead of inserting it', () => {
    const out = html('<script>alert(1)</script> & <b>粗</b>\n\n- <img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;');
  });

  it('makes headings with GitHub-style ids, unique within the document', () => {
    const blocks = parseMarkdown(
      '# 党建工作平台用户指南\n\n## 组织部（管理员）\n\n## 总支书记/组织员\n\n### 首页\n\n### 首页',
    );
    expect(blocks.map((b) => (b.type === 'heading' ? [b.level, b.id] : null))).toEqual([
      [1, '党建工作平台用户指南'],
      [2, '组织部管理员'],
      [2, '总支书记组织员'],
      [3, '首页'],
      [3, '首页-1'],
    ]);
    expect(slugify('三员（系统管理员、安全管理员、审计员）')).toBe('三员系统管理员安全管理员审计员');
    expect(slugify('Quick start')).toBe('quick-start');
    expect(html('## 党员（手机）')).toBe(
      '<h2 id="党员手机" style="scroll-margin-top:72px">党员（手机）</h2>',
    );
  });

  it('reads bulleted and numbered lists, joining wrapped lines', () => {
    const blocks = parseMarkdown('1. **计划**：菜单\n   组织生活\n2. 发布\n\n- a\n  b\n- 第二项');
    expect(blocks).toHaveLength(2);
    expect(html('1. **计划**：菜单\n   组织生活\n2. 发布')).toBe(
      '<ol><li><strong>计划</strong>：菜单组织生活</li><li>发布</li></ol>',
    );
    expect(html('- a\n  b\n- 第二项')).toBe('<ul><li>a b</li><li>第二项</li></ul>');
  });

  it('shows known images with alt text and a description for unknown ones', () => {
    const out = html('![支部书记的首页](images/zhibu-home.png)');
    expect(out).toContain('<img src="/assets/images/zhibu-home.png" alt="支部书记的首页"');
    expect(out).toContain('max-width:100%');
    expect(html('![外部图片](https://example.com/x.png)')).toBe('<p><span>［图：外部图片］</span></p>');
    const row = html('![甲](images/a.png)\n![乙](images/b.png)');
    expect(row.startsWith('<div style="display:flex;flex-wrap:wrap')).toBe(true);
    expect(row.match(/<img /g)).toHaveLength(2);
  });

  it('links anchors and web pages, and drops unsafe targets', () => {
    expect(html('见[通用说明](#通用说明)。')).toBe('<p>见<a href="#通用说明">通用说明</a>。</p>');
    expect(html('[网站](https://example.edu.cn)')).toBe(
      '<p><a href="https://example.edu.cn" target="_blank" rel="noopener noreferrer">网站</a></p>',
    );
    expect(html('[点我](javascript:alert(1))')).not.toContain('href');
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/help')).toBe('/help');
  });

  it('keeps inline code and unmatched markers as text', () => {
    expect(parseInline('账号 `zzb` 的 **密码')).toEqual([
      { type: 'text', text: '账号 ' },
      { type: 'code', text: 'zzb' },
      { type: 'text', text: ' 的 **密码' },
    ]);
  });

  it('reads pipe tables and stray table rows', () => {
    const out = html('| 要做的事 | 菜单 |\n| --- | --- |\n| 党员名册 | 党员管理 → 党员名册 |');
    expect(out).toContain('<th scope="col"');
    expect(out).toContain('>党员管理 → 党员名册</td>');
    expect(html('| 只有一行 |')).toBe('<p>| 只有一行 |</p>');
  });

  it('renders the real guide: one h1, every role, every image present', () => {
    const source = readFileSync(new URL('../../../../../docs/guide/README.md', import.meta.url), 'utf8');
    const blocks = parseMarkdown(source);
    const headings = blocks.flatMap((b) => (b.type === 'heading' ? [b] : []));
    expect(headings.filter((h) => h.level === 1).map((h) => h.text)).toEqual(['党建工作平台用户指南']);
    const sections = headings.filter((h) => h.level === 2).map((h) => h.text);
    for (const role of [
      '组织部（管理员）',
      '总支书记/组织员',
      '支部书记/委员',
      '党员（手机）',
      '校领导',
      '常见问题',
    ]) {
      expect(sections).toContain(role);
    }
    // Every anchor link points at a heading, every image at a file in docs/guide/images.
    const ids = new Set(headings.map((h) => h.id));
    for (const [, target] of source.matchAll(/\]\(#([^)]+)\)/g)) expect(ids).toContain(target);
    for (const [, file] of source.matchAll(/\]\(images\/([^)]+)\)/g)) {
      expect(() =>
        readFileSync(new URL(`../../../../../docs/guide/images/${file}`, import.meta.url)),
      ).not.toThrow();
    }
  });
});
