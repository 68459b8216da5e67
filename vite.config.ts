/**
 * The web app's build: root src/web, output dist/web (served by the Fastify server), dev proxy
 * /api → the server on 127.0.0.1:3000. `YUSUAN_WEB_MOCK=1 npx vite` instead answers /api from a
 * small hand-made fixture (e2e/mock/fixture.ts) for working on the UI without a server; that
 * plugin exists only in the dev server, never in a build.
 */
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const mockApi = (): Plugin => ({
  name: 'yusuan-mock-api',
  apply: 'serve',
  async configureServer(server) {
    const m = await import('./e2e/mock/fixture.ts');
    const send = (res: ServerResponse, status: number, body: unknown): void => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(body));
    };
    server.middlewares.use('/api', (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      // connect also matches `/api.ts` (the client module) under the `/api` prefix.
      if (!(req as IncomingMessage & { originalUrl?: string }).originalUrl?.startsWith('/api/')) return next();
      const url = new URL(req.url ?? '/', 'http://mock');
      const p = url.pathname;
      let mt: RegExpExecArray | null;
      if (p === '/departments') return send(res, 200, m.MOCK_DEPARTMENTS);
      if ((mt = /^\/documents\/(\d+)$/.exec(p))) {
        const d = m.MOCK_DOCUMENTS.find((x) => x.documentId === Number(mt?.[1]));
        return d ? send(res, 200, d) : send(res, 404, { error: 'not-found', message: '未找到该文件', statusCode: 404 });
      }
      if ((mt = /^\/departments\/(\d+)\/years\/(\d+)$/.exec(p))) {
        const d = m.MOCK_DOCUMENTS.find((x) => x.departmentId === Number(mt?.[1]) && x.year === Number(mt?.[2]));
        return d ? send(res, 200, d) : send(res, 404, { error: 'not-found', message: '未找到该部门年度', statusCode: 404 });
      }
      if (p === '/search') return send(res, 200, m.MOCK_SEARCH);
      if (p === '/compare') return send(res, 200, m.MOCK_COMPARISON);
      if (p === '/documents' && req.method === 'POST') {
        req.resume();
        req.on('end', () => {
          const d = m.MOCK_DOCUMENTS[0];
          if (!d) return send(res, 500, {});
          send(res, 201, { created: true, document: { documentId: d.documentId, version: 1, sha256: d.sha256, importedAt: d.importedAt, departmentId: d.departmentId, department: d.department, year: d.year, kind: d.kind }, findings: d.findings, diagnostics: [] });
        });
        return;
      }
      return send(res, 404, { error: 'not-found', message: '接口不存在', statusCode: 404 });
    });
  },
});

export default defineConfig({
  root: here('./src/web'),
  base: '/',
  plugins: [react(), ...(process.env.YUSUAN_WEB_MOCK ? [mockApi()] : [])],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: process.env.YUSUAN_WEB_MOCK ? {} : { '/api': 'http://127.0.0.1:3000' },
  },
  preview: { host: '127.0.0.1', port: 4173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
