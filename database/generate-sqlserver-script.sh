#!/usr/bin/env bash
# Regenerates the idempotent SQL Server script from the SQL Server migrations (no server needed).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --project MlOpsPortal --context SqlServerPortalDbContext \
  --output database/sqlserver/MlOpsPortal.sql
