#!/usr/bin/env bash
# Regenerates the idempotent PostgreSQL script from the PostgreSQL migrations (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
mkdir -p database/postgresql
dotnet ef migrations script --idempotent \
  --project MlOpsPortal --context PostgreSqlPortalDbContext \
  --output database/postgresql/MlOpsPortal.sql
