import { Button, Result, Typography } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}

/** What the user sees when a page crashes: the message and a way to recover. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const chunk = isChunkLoadError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={chunk ? '页面已更新，请刷新后重试' : '页面出现错误'}
      subTitle={<Typography.Text type="secondary">{detail}</Typography.Text>}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
        onRetry ? (
          <Button key="retry" onClick={onRetry}>
            重试
          </Button>
        ) : null,
        <Button key="home" href="/">
          返回首页
        </Button>,
      ]}
    />
  );
}

/** Catches render errors of the page it wraps so the layout (menu, header) stays usable. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('页面渲染出错', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <ErrorResult error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}

/** The router's error element: errors thrown while matching or loading a route. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return <Result status="error" title={`${error.status} ${error.statusText}`} />;
  }
  return <ErrorResult error={error} />;
}
