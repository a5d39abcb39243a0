import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { router } from './app';
import { isApiError } from './lib/api';
import './lib/format';
import { appTheme } from './theme';
import './global.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Auth, permission and not-found answers will not change on a retry.
      retry: (failureCount, error) =>
        failureCount < 2 && !(isApiError(error) && error.status < 500 && error.status !== 0),
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={appTheme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
