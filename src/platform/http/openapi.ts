import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI 3.1 generated from the route schemas, at /api/openapi.json, browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Certus API',
        version,
        description: 'Certus, the Service Management System for ISO/IEC 20000-1:2018. Sign in with POST /api/session (cookie; send X-CSRF-Token on writes) or use a personal API token as a Bearer token. Errors are RFC 9457 problem+json. Updates need If-Match with the ETag you read.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'certus_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  // The page loads its scripts from files (no inline script); the Content-Security-Policy is the
  // one every response carries (security-headers.ts), not swagger-ui's own, which allows framing.
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
