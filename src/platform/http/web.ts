import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Serves the built single-page app from web/dist, with index.html for every client route. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<boolean> {
  const dist = path.join(root, 'web', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/health/') && !path.extname(url)) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${request.method} ${url}`, instance: request.url, requestId: request.id });
  });
  return true;
}
