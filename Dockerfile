# hack365 as a container image. Every RUN is a command CI runs on each change (npm ci, npm run build), so the image is
# built the way the tested code is; see src/packaging.test.ts. Build: docker build -t hack365 .
# Run with PostgreSQL: docker compose up (compose.yaml), or see docs/operations.md for the settings.

# 1. Build: all dependencies, then the compiled application in dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# argon2 is a native module: its prebuilt binary fits this image; python3/g++ are there for when none does.
RUN apt-get update && apt-get install -y --no-install-recommends python3 g++ make && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY src src
COPY data-vocabularies data-vocabularies
RUN npm run build
# Only what production needs: dependencies without the development tools (tsx, TypeScript, the test libraries).
RUN npm ci --omit=dev --no-audit --no-fund

# 2. Run: the compiled application and its production dependencies, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY bin bin
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/server.js"]
