IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [Sequence] bigint NOT NULL,
        [OccurredAtUtc] datetime2 NOT NULL,
        [ActorId] nvarchar(128) NOT NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [Action] nvarchar(128) NOT NULL,
        [EntityType] nvarchar(128) NOT NULL,
        [EntityId] nvarchar(256) NULL,
        [Details] nvarchar(max) NULL,
        [PreviousHash] char(64) NOT NULL,
        [Hash] char(64) NOT NULL,
        CONSTRAINT [PK_AuditEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    EXEC(N'CREATE TRIGGER AuditEvents_AppendOnly ON AuditEvents
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        THROW 51000, ''AuditEvents is append-only'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditVerifications] (
        [Id] bigint NOT NULL IDENTITY,
        [VerifiedAtUtc] datetime2 NOT NULL,
        [IsValid] bit NOT NULL,
        [EventCount] bigint NOT NULL,
        [HeadSequence] bigint NOT NULL,
        [HeadHash] char(64) NOT NULL,
        [FirstBrokenSequence] bigint NULL,
        [Problem] nvarchar(1024) NULL,
        CONSTRAINT [PK_AuditVerifications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE TABLE [SystemMetricSamples] (
        [Id] bigint NOT NULL IDENTITY,
        [MinuteUtc] datetime2 NOT NULL,
        [CpuPercent] float NOT NULL,
        [WorkingSetMb] float NOT NULL,
        [GcHeapMb] float NOT NULL,
        [RequestsPerMinute] float NOT NULL,
        CONSTRAINT [PK_SystemMetricSamples] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE TABLE [UserPreferences] (
        [UserId] nvarchar(128) NOT NULL,
        [DarkMode] bit NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_UserPreferences] PRIMARY KEY ([UserId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_EntityType_EntityId] ON [AuditEvents] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_OccurredAtUtc] ON [AuditEvents] ([OccurredAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AuditEvents_Sequence] ON [AuditEvents] ([Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditVerifications_VerifiedAtUtc] ON [AuditVerifications] ([VerifiedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SystemMetricSamples_MinuteUtc] ON [SystemMetricSamples] ([MinuteUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126174529_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126174529_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

