import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Security headers on every response: the web app, the API and the API reference. The web app
 * (Vite's index.html) and the swagger-ui page at /api/docs load scripts only from files, so no
 * script may run inline or from elsewhere. Styles may be inline: Mantine injects its CSS
 * variables in <style> tags at run time and swagger-ui sets style attributes, and inline styles
 * cannot run code. Nothing may frame Certus (clickjacking), and no address leaves in a Referer.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // data: for the favicon and swagger-ui's icons; nothing is loaded from other hosts.
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain HTTP (a first try on a LAN) upgrading would break every asset.
        upgradeInsecureRequests: options.https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Only meaningful, and only safe to promise, when Certus is served over HTTPS.
    strictTransportSecurity: options.https ? { maxAge: 180 * 24 * 3600 } : false,
  });
}
