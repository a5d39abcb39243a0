import { errorResponse } from '@dangjian/core';
import type { z } from 'zod';
import { ApiError, buildUrl, type ClientErrorCode, type QueryParams } from './api';

/** What a raw-body upload needs: where, the file, how to read the answer, and progress hooks. */
export interface RawUpload<T> {
  path: string;
  /** POST by default; PUT replaces a resource (e.g. a template). */
  method?: 'POST' | 'PUT';
  query?: QueryParams;
  file: Blob;
  contentType: string;
  csrfToken: string;
  /** Schema of a successful answer. */
  response: z.ZodType<T>;
  /** Percent of the body sent. */
  onProgress?: (percent: number) => void;
  /** The body is sent; the server is working on it. */
  onSent?: () => void;
  signal?: AbortSignal | undefined;
}

function readJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/**
 * Sends a file as the raw request body with upload progress (XMLHttpRequest: fetch has no upload
 * progress) and the CSRF header. Errors are ApiErrors like the JSON client's.
 */
export function uploadRaw<T>(u: RawUpload<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(u.method ?? 'POST', buildUrl(u.path, u.query));
    xhr.setRequestHeader('Content-Type', u.contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', u.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) u.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => u.onSent?.();
    xhr.onload = () => {
      const payload = readJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = u.response.safeParse(payload);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据'));
        return;
      }
      const body = errorResponse.safeParse(payload);
      reject(
        body.success
          ? new ApiError(xhr.status, body.data.code as ClientErrorCode, body.data.message, body.data.details)
          : new ApiError(
              xhr.status,
              xhr.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE',
              `上传失败（${xhr.status}）`,
            ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('已取消', 'AbortError'));
    u.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(u.file);
  });
}
