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

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [Prefix] nvarchar(12) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [Scopes] nvarchar(max) NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [RevokedAtUtc] datetime2 NULL,
        [RevokedBy] nvarchar(256) NULL,
        [LastUsedAtUtc] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [Datasets] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(64) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [Owner] nvarchar(200) NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Datasets] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [Models] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(64) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [Owner] nvarchar(200) NOT NULL,
        [BusinessUnit] nvarchar(100) NOT NULL,
        [UseCase] nvarchar(1000) NOT NULL,
        [RiskTier] nvarchar(16) NOT NULL,
        [Tags] nvarchar(max) NOT NULL,
        [LatestVersion] int NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Models] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [RegistrySettings] (
        [Id] int NOT NULL,
        [ModelKeyPattern] nvarchar(500) NOT NULL,
        [DatasetKeyPattern] nvarchar(500) NOT NULL,
        [RequiredCardSections] nvarchar(max) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_RegistrySettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [DatasetVersions] (
        [Id] int NOT NULL IDENTITY,
        [DatasetId] int NOT NULL,
        [Label] nvarchar(100) NOT NULL,
        [Location] nvarchar(2000) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [RowCount] bigint NOT NULL,
        [Schema] nvarchar(max) NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_DatasetVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DatasetVersions_Datasets_DatasetId] FOREIGN KEY ([DatasetId]) REFERENCES [Datasets] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [ModelVersions] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [Number] int NOT NULL,
        [Framework] nvarchar(100) NOT NULL,
        [ArtifactUri] nvarchar(2000) NOT NULL,
        [ArtifactSha256] nvarchar(64) NOT NULL,
        [SourceRepository] nvarchar(2000) NOT NULL,
        [SourceCommit] nvarchar(64) NOT NULL,
        [PipelineRunUrl] nvarchar(2000) NULL,
        [Hyperparameters] nvarchar(max) NOT NULL,
        [TrainingMetrics] nvarchar(max) NOT NULL,
        [CardIntendedUse] nvarchar(max) NULL,
        [CardOutOfScopeUse] nvarchar(max) NULL,
        [CardTrainingData] nvarchar(max) NULL,
        [CardEvaluationData] nvarchar(max) NULL,
        [CardMetrics] nvarchar(max) NULL,
        [CardLimitations] nvarchar(max) NULL,
        [CardEthicalConsiderations] nvarchar(max) NULL,
        [CardCaveatsAndRecommendations] nvarchar(max) NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_ModelVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ModelVersions_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [CiEvidence] (
        [Id] int NOT NULL IDENTITY,
        [ModelVersionId] int NOT NULL,
        [TestsPassed] int NOT NULL,
        [TestsFailed] int NOT NULL,
        [CoveragePercent] float NOT NULL,
        [LintWarnings] int NOT NULL,
        [VulnerabilitiesCritical] int NOT NULL,
        [VulnerabilitiesHigh] int NOT NULL,
        [VulnerabilitiesMedium] int NOT NULL,
        [VulnerabilitiesLow] int NOT NULL,
        [PipelineRunUrl] nvarchar(2000) NULL,
        [RecordedBy] nvarchar(256) NOT NULL,
        [RecordedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_CiEvidence] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CiEvidence_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE TABLE [LineageLinks] (
        [Id] int NOT NULL IDENTITY,
        [ModelVersionId] int NOT NULL,
        [DatasetVersionId] int NOT NULL,
        [Role] nvarchar(16) NOT NULL,
        CONSTRAINT [PK_LineageLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LineageLinks_DatasetVersions_DatasetVersionId] FOREIGN KEY ([DatasetVersionId]) REFERENCES [DatasetVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LineageLinks_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'DatasetKeyPattern', N'ModelKeyPattern', N'RequiredCardSections', N'UpdatedAtUtc', N'UpdatedBy') AND [object_id] = OBJECT_ID(N'[RegistrySettings]'))
        SET IDENTITY_INSERT [RegistrySettings] ON;
    EXEC(N'INSERT INTO [RegistrySettings] ([Id], [DatasetKeyPattern], [ModelKeyPattern], [RequiredCardSections], [UpdatedAtUtc], [UpdatedBy])
    VALUES (1, N''^[a-z][a-z0-9-]{2,62}$'', N''^[a-z][a-z0-9-]{2,62}$'', N''[0,2,3,4,5]'', ''2026-01-01T00:00:00.0000000Z'', N''system'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'DatasetKeyPattern', N'ModelKeyPattern', N'RequiredCardSections', N'UpdatedAtUtc', N'UpdatedBy') AND [object_id] = OBJECT_ID(N'[RegistrySettings]'))
        SET IDENTITY_INSERT [RegistrySettings] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Prefix] ON [ApiKeys] ([Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_CiEvidence_ModelVersionId_RecordedAtUtc] ON [CiEvidence] ([ModelVersionId], [RecordedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Datasets_Key] ON [Datasets] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DatasetVersions_DatasetId_Label] ON [DatasetVersions] ([DatasetId], [Label]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_LineageLinks_DatasetVersionId] ON [LineageLinks] ([DatasetVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LineageLinks_ModelVersionId_DatasetVersionId_Role] ON [LineageLinks] ([ModelVersionId], [DatasetVersionId], [Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_Models_BusinessUnit] ON [Models] ([BusinessUnit]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Models_Key] ON [Models] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_Models_Owner] ON [Models] ([Owner]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_Models_RiskTier] ON [Models] ([RiskTier]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE INDEX [IX_Models_UpdatedAtUtc] ON [Models] ([UpdatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ModelVersions_ModelId_Number] ON [ModelVersions] ([ModelId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126175706_Registry'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126175706_Registry', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126180729_ModelSearchText'
)
BEGIN
    DROP INDEX [IX_Models_BusinessUnit] ON [Models];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126180729_ModelSearchText'
)
BEGIN
    ALTER TABLE [Models] ADD [SearchText] nvarchar(max) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126180729_ModelSearchText'
)
BEGIN
    CREATE INDEX [IX_Models_BusinessUnit_RiskTier] ON [Models] ([BusinessUnit], [RiskTier]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126180729_ModelSearchText'
)
BEGIN
    EXEC(N'UPDATE Models SET SearchText = LOWER(CONCAT_WS(CHAR(10), [Key], DisplayName, Description, UseCase, Owner));')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126180729_ModelSearchText'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126180729_ModelSearchText', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126181148_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(200) NULL,
        [Xml] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126181148_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126181148_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE TABLE [Environments] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(32) NOT NULL,
        [DisplayName] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_Environments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE TABLE [IngestionBatches] (
        [Id] bigint NOT NULL IDENTITY,
        [ClientId] nvarchar(128) NOT NULL,
        [IdempotencyKey] nvarchar(128) NOT NULL,
        [Accepted] int NOT NULL,
        [ReceivedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_IngestionBatches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE TABLE [MetricSeries] (
        [Id] bigint NOT NULL IDENTITY,
        [ModelId] int NULL,
        [EnvironmentId] int NOT NULL,
        [MetricName] nvarchar(128) NOT NULL,
        CONSTRAINT [PK_MetricSeries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MetricSeries_Environments_EnvironmentId] FOREIGN KEY ([EnvironmentId]) REFERENCES [Environments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_MetricSeries_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE TABLE [MetricPoints] (
        [SeriesId] bigint NOT NULL,
        [TimestampMs] bigint NOT NULL,
        [Value] float NOT NULL,
        CONSTRAINT [PK_MetricPoints] PRIMARY KEY ([SeriesId], [TimestampMs]),
        CONSTRAINT [FK_MetricPoints_MetricSeries_SeriesId] FOREIGN KEY ([SeriesId]) REFERENCES [MetricSeries] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE TABLE [MetricRollups] (
        [SeriesId] bigint NOT NULL,
        [Resolution] int NOT NULL,
        [BucketStartMs] bigint NOT NULL,
        [Count] bigint NOT NULL,
        [Sum] float NOT NULL,
        [Min] float NOT NULL,
        [Max] float NOT NULL,
        [Last] float NOT NULL,
        [LastTimestampMs] bigint NOT NULL,
        CONSTRAINT [PK_MetricRollups] PRIMARY KEY ([SeriesId], [Resolution], [BucketStartMs]),
        CONSTRAINT [FK_MetricRollups_MetricSeries_SeriesId] FOREIGN KEY ([SeriesId]) REFERENCES [MetricSeries] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'DisplayName', N'Key') AND [object_id] = OBJECT_ID(N'[Environments]'))
        SET IDENTITY_INSERT [Environments] ON;
    EXEC(N'INSERT INTO [Environments] ([Id], [DisplayName], [Key])
    VALUES (1, N''Development'', N''development''),
    (2, N''Staging'', N''staging''),
    (3, N''Production'', N''production'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'DisplayName', N'Key') AND [object_id] = OBJECT_ID(N'[Environments]'))
        SET IDENTITY_INSERT [Environments] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Environments_Key] ON [Environments] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IngestionBatches_ClientId_IdempotencyKey] ON [IngestionBatches] ([ClientId], [IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE INDEX [IX_IngestionBatches_ReceivedAtUtc] ON [IngestionBatches] ([ReceivedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    CREATE INDEX [IX_MetricSeries_EnvironmentId] ON [MetricSeries] ([EnvironmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_MetricSeries_ModelId_EnvironmentId_MetricName] ON [MetricSeries] ([ModelId], [EnvironmentId], [MetricName]) WHERE [ModelId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126182839_MetricsStore'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126182839_MetricsStore', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126184810_ModelHealthSettings'
)
BEGIN
    CREATE TABLE [ModelHealthSettings] (
        [ModelId] int NOT NULL,
        [PrimaryMetric] nvarchar(128) NOT NULL,
        [HigherIsBetter] bit NOT NULL,
        [PrimaryThreshold] float NULL,
        [LatencySloMs] float NOT NULL,
        [ErrorRateSlo] float NOT NULL,
        [ExpectedCadenceMinutes] int NOT NULL,
        [Weights] nvarchar(max) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_ModelHealthSettings] PRIMARY KEY ([ModelId]),
        CONSTRAINT [FK_ModelHealthSettings_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126184810_ModelHealthSettings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126184810_ModelHealthSettings', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE TABLE [AlertRules] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [EnvironmentId] int NOT NULL,
        [MetricName] nvarchar(128) NOT NULL,
        [Condition] nvarchar(32) NOT NULL,
        [Threshold] float NOT NULL,
        [ForMinutes] int NOT NULL,
        [Severity] nvarchar(16) NOT NULL,
        [Enabled] bit NOT NULL,
        [BreachingSinceUtc] datetime2 NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_AlertRules] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AlertRules_Environments_EnvironmentId] FOREIGN KEY ([EnvironmentId]) REFERENCES [Environments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AlertRules_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE TABLE [Alerts] (
        [Id] bigint NOT NULL IDENTITY,
        [RuleId] int NOT NULL,
        [FiredAtUtc] datetime2 NOT NULL,
        [ResolvedAtUtc] datetime2 NULL,
        [Value] float NOT NULL,
        [Message] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_Alerts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Alerts_AlertRules_RuleId] FOREIGN KEY ([RuleId]) REFERENCES [AlertRules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE INDEX [IX_AlertRules_EnvironmentId] ON [AlertRules] ([EnvironmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE INDEX [IX_AlertRules_ModelId_EnvironmentId_MetricName] ON [AlertRules] ([ModelId], [EnvironmentId], [MetricName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE INDEX [IX_Alerts_FiredAtUtc] ON [Alerts] ([FiredAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    CREATE INDEX [IX_Alerts_RuleId_ResolvedAtUtc] ON [Alerts] ([RuleId], [ResolvedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190033_AlertRules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126190033_AlertRules', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190635_MetricRollupsChartIndex'
)
BEGIN
    CREATE INDEX [IX_MetricRollups_Chart] ON [MetricRollups] ([SeriesId], [Resolution], [BucketStartMs], [Sum], [Count]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126190635_MetricRollupsChartIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126190635_MetricRollupsChartIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126191942_PortalMetricsOnTheStore'
)
BEGIN
    DROP TABLE [SystemMetricSamples];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126191942_PortalMetricsOnTheStore'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126191942_PortalMetricsOnTheStore', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE TABLE [CheckRuns] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [ModelVersionId] int NOT NULL,
        [Checks] nvarchar(400) NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [Progress] int NOT NULL,
        [Trigger] nvarchar(16) NOT NULL,
        [DedupKey] nvarchar(200) NULL,
        [Attempts] int NOT NULL,
        [Error] nvarchar(2000) NULL,
        [RequestedBy] nvarchar(256) NOT NULL,
        [RequestedAtUtc] datetime2 NOT NULL,
        [StartedAtUtc] datetime2 NULL,
        [FinishedAtUtc] datetime2 NULL,
        [ReportId] int NULL,
        CONSTRAINT [PK_CheckRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CheckRuns_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CheckRuns_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE TABLE [CheckSuites] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [Enabled] bit NOT NULL,
        [Cron] nvarchar(100) NOT NULL,
        [Checks] nvarchar(400) NOT NULL,
        [Settings] nvarchar(max) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_CheckSuites] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CheckSuites_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE TABLE [DataSamples] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [ModelVersionId] int NOT NULL,
        [Role] nvarchar(16) NOT NULL,
        [RowCount] int NOT NULL,
        [ColumnCount] int NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [UploadedBy] nvarchar(256) NOT NULL,
        [UploadedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_DataSamples] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DataSamples_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DataSamples_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE TABLE [QualityReports] (
        [Id] int NOT NULL IDENTITY,
        [RunId] int NOT NULL,
        [ModelId] int NOT NULL,
        [ModelVersionId] int NOT NULL,
        [Status] nvarchar(8) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [Content] nvarchar(max) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_QualityReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QualityReports_CheckRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [CheckRuns] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_QualityReports_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_QualityReports_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE TABLE [QualityReportChecks] (
        [Id] int NOT NULL IDENTITY,
        [ReportId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Status] nvarchar(8) NOT NULL,
        [DriftedShare] float NULL,
        [Summary] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_QualityReportChecks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QualityReportChecks_QualityReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [QualityReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_CheckRuns_DedupKey] ON [CheckRuns] ([DedupKey]) WHERE [DedupKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_CheckRuns_ModelId_RequestedAtUtc] ON [CheckRuns] ([ModelId], [RequestedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_CheckRuns_ModelVersionId] ON [CheckRuns] ([ModelVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_CheckRuns_State] ON [CheckRuns] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CheckSuites_ModelId] ON [CheckSuites] ([ModelId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_DataSamples_ModelId] ON [DataSamples] ([ModelId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_DataSamples_ModelVersionId_Role_UploadedAtUtc] ON [DataSamples] ([ModelVersionId], [Role], [UploadedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_QualityReportChecks_Kind_Status] ON [QualityReportChecks] ([Kind], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_QualityReportChecks_ReportId] ON [QualityReportChecks] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_QualityReports_ModelId_CreatedAtUtc] ON [QualityReports] ([ModelId], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_QualityReports_ModelVersionId_CreatedAtUtc] ON [QualityReports] ([ModelVersionId], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE UNIQUE INDEX [IX_QualityReports_RunId] ON [QualityReports] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    CREATE INDEX [IX_QualityReports_Status_CreatedAtUtc] ON [QualityReports] ([Status], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    EXEC(N'CREATE TRIGGER QualityReports_Immutable ON QualityReports
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted) OR EXISTS (SELECT 1 FROM deleted WHERE Status = ''Fail'')
            THROW 51001, ''Quality reports are immutable'', 1;
        DELETE FROM QualityReportChecks WHERE ReportId IN (SELECT Id FROM deleted);
        DELETE FROM QualityReports WHERE Id IN (SELECT Id FROM deleted);
    END');
    EXEC(N'CREATE TRIGGER QualityReportChecks_NoUpdate ON QualityReportChecks
    INSTEAD OF UPDATE
    AS
    BEGIN
        SET NOCOUNT ON;
        THROW 51001, ''Quality reports are immutable'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126194239_QualityChecks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126194239_QualityChecks', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE TABLE [DeploymentRequests] (
        [Id] int NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [ModelVersionId] int NOT NULL,
        [EnvironmentId] int NOT NULL,
        [State] nvarchar(32) NOT NULL,
        [RiskTier] nvarchar(16) NOT NULL,
        [RequiredApprovals] int NOT NULL,
        [ApprovalRound] int NOT NULL,
        [ApprovalCount] int NOT NULL,
        [Justification] nvarchar(4000) NOT NULL,
        [PlannedAtUtc] datetime2 NULL,
        [RequesterId] nvarchar(128) NOT NULL,
        [RequesterName] nvarchar(256) NOT NULL,
        [RegistrantId] nvarchar(128) NULL,
        [RegistrantName] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [StateChangedAtUtc] datetime2 NOT NULL,
        [StateChangedBy] nvarchar(256) NULL,
        [DecisionComment] nvarchar(4000) NULL,
        [ApprovedAtUtc] datetime2 NULL,
        [ApprovalExpiresAtUtc] datetime2 NULL,
        [DeployedAtUtc] datetime2 NULL,
        [PipelineRunUrl] nvarchar(2000) NULL,
        [GatesJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DeploymentRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeploymentRequests_Environments_EnvironmentId] FOREIGN KEY ([EnvironmentId]) REFERENCES [Environments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DeploymentRequests_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_DeploymentRequests_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE TABLE [DeploymentSettings] (
        [Id] int NOT NULL,
        [WebhookUrl] nvarchar(2000) NULL,
        [WebhookSecret] nvarchar(200) NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_DeploymentSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE TABLE [EnvironmentPolicies] (
        [Id] int NOT NULL IDENTITY,
        [EnvironmentId] int NOT NULL,
        [ApprovalsLow] int NOT NULL,
        [ApprovalsMedium] int NOT NULL,
        [ApprovalsHigh] int NOT NULL,
        [ApprovalsCritical] int NOT NULL,
        [ValidityDays] int NOT NULL,
        [QualityGate] nvarchar(16) NOT NULL,
        [QualityMaxAgeDays] int NOT NULL,
        [DocumentationGate] nvarchar(16) NOT NULL,
        [DocumentationThreshold] int NOT NULL,
        [NamingGate] nvarchar(16) NOT NULL,
        [CiGate] nvarchar(16) NOT NULL,
        [CiMinCoveragePercent] float NOT NULL,
        [CiMaxFailedTests] int NOT NULL,
        [CiMaxCriticalVulnerabilities] int NOT NULL,
        [CiMaxHighVulnerabilities] int NOT NULL,
        [AlertsGate] nvarchar(16) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_EnvironmentPolicies] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EnvironmentPolicies_Environments_EnvironmentId] FOREIGN KEY ([EnvironmentId]) REFERENCES [Environments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] bigint NOT NULL IDENTITY,
        [RecipientId] nvarchar(128) NOT NULL,
        [DedupKey] nvarchar(200) NOT NULL,
        [Title] nvarchar(500) NOT NULL,
        [Link] nvarchar(500) NOT NULL,
        [Critical] bit NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [ReadAtUtc] datetime2 NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE TABLE [DeploymentApprovals] (
        [Id] int NOT NULL IDENTITY,
        [RequestId] int NOT NULL,
        [Round] int NOT NULL,
        [ApproverId] nvarchar(128) NOT NULL,
        [ApproverName] nvarchar(256) NOT NULL,
        [Comment] nvarchar(4000) NULL,
        [ApprovedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_DeploymentApprovals] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeploymentApprovals_DeploymentRequests_RequestId] FOREIGN KEY ([RequestId]) REFERENCES [DeploymentRequests] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'UpdatedAtUtc', N'UpdatedBy', N'WebhookSecret', N'WebhookUrl') AND [object_id] = OBJECT_ID(N'[DeploymentSettings]'))
        SET IDENTITY_INSERT [DeploymentSettings] ON;
    EXEC(N'INSERT INTO [DeploymentSettings] ([Id], [UpdatedAtUtc], [UpdatedBy], [WebhookSecret], [WebhookUrl])
    VALUES (1, ''2026-01-01T00:00:00.0000000Z'', N''system'', NULL, NULL)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'UpdatedAtUtc', N'UpdatedBy', N'WebhookSecret', N'WebhookUrl') AND [object_id] = OBJECT_ID(N'[DeploymentSettings]'))
        SET IDENTITY_INSERT [DeploymentSettings] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'AlertsGate', N'ApprovalsCritical', N'ApprovalsHigh', N'ApprovalsLow', N'ApprovalsMedium', N'CiGate', N'CiMaxCriticalVulnerabilities', N'CiMaxFailedTests', N'CiMaxHighVulnerabilities', N'CiMinCoveragePercent', N'DocumentationGate', N'DocumentationThreshold', N'EnvironmentId', N'NamingGate', N'QualityGate', N'QualityMaxAgeDays', N'UpdatedAtUtc', N'UpdatedBy', N'ValidityDays') AND [object_id] = OBJECT_ID(N'[EnvironmentPolicies]'))
        SET IDENTITY_INSERT [EnvironmentPolicies] ON;
    EXEC(N'INSERT INTO [EnvironmentPolicies] ([Id], [AlertsGate], [ApprovalsCritical], [ApprovalsHigh], [ApprovalsLow], [ApprovalsMedium], [CiGate], [CiMaxCriticalVulnerabilities], [CiMaxFailedTests], [CiMaxHighVulnerabilities], [CiMinCoveragePercent], [DocumentationGate], [DocumentationThreshold], [EnvironmentId], [NamingGate], [QualityGate], [QualityMaxAgeDays], [UpdatedAtUtc], [UpdatedBy], [ValidityDays])
    VALUES (1, N''Advisory'', 0, 0, 0, 0, N''Advisory'', 0, 0, 0, 70.0E0, N''Advisory'', 80, 1, N''Advisory'', N''Off'', 30, ''2026-01-01T00:00:00.0000000Z'', N''system'', 365),
    (2, N''Blocking'', 1, 1, 1, 1, N''Blocking'', 0, 0, 0, 70.0E0, N''Blocking'', 80, 2, N''Blocking'', N''Advisory'', 30, ''2026-01-01T00:00:00.0000000Z'', N''system'', 180),
    (3, N''Blocking'', 2, 2, 1, 1, N''Blocking'', 0, 0, 0, 70.0E0, N''Blocking'', 80, 3, N''Blocking'', N''Blocking'', 30, ''2026-01-01T00:00:00.0000000Z'', N''system'', 90)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'AlertsGate', N'ApprovalsCritical', N'ApprovalsHigh', N'ApprovalsLow', N'ApprovalsMedium', N'CiGate', N'CiMaxCriticalVulnerabilities', N'CiMaxFailedTests', N'CiMaxHighVulnerabilities', N'CiMinCoveragePercent', N'DocumentationGate', N'DocumentationThreshold', N'EnvironmentId', N'NamingGate', N'QualityGate', N'QualityMaxAgeDays', N'UpdatedAtUtc', N'UpdatedBy', N'ValidityDays') AND [object_id] = OBJECT_ID(N'[EnvironmentPolicies]'))
        SET IDENTITY_INSERT [EnvironmentPolicies] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DeploymentApprovals_RequestId_Round_ApproverId] ON [DeploymentApprovals] ([RequestId], [Round], [ApproverId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE INDEX [IX_DeploymentRequests_EnvironmentId] ON [DeploymentRequests] ([EnvironmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE INDEX [IX_DeploymentRequests_ModelId_EnvironmentId_State] ON [DeploymentRequests] ([ModelId], [EnvironmentId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE INDEX [IX_DeploymentRequests_ModelVersionId] ON [DeploymentRequests] ([ModelVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE INDEX [IX_DeploymentRequests_State_ApprovalExpiresAtUtc] ON [DeploymentRequests] ([State], [ApprovalExpiresAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_EnvironmentPolicies_EnvironmentId] ON [EnvironmentPolicies] ([EnvironmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Notifications_DedupKey] ON [Notifications] ([DedupKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    CREATE INDEX [IX_Notifications_RecipientId_ReadAtUtc] ON [Notifications] ([RecipientId], [ReadAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    EXEC(N'CREATE TRIGGER DeploymentApprovals_MakerChecker ON DeploymentApprovals
    AFTER INSERT, UPDATE
    AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted a JOIN DeploymentRequests r ON r.Id = a.RequestId
                   WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
            THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
    END');
    EXEC(N'CREATE TRIGGER DeploymentRequests_MakerChecker ON DeploymentRequests
    AFTER UPDATE
    AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM inserted r JOIN DeploymentApprovals a ON a.RequestId = r.Id
                   WHERE r.RequesterId = a.ApproverId OR r.RegistrantId = a.ApproverId)
            THROW 51002, ''Maker-checker: the requester or the registrant of the version cannot approve it'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261126195000_Deployments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261126195000_Deployments', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084949_PortalSessions'
)
BEGIN
    CREATE TABLE [PortalSessions] (
        [Id] nvarchar(64) NOT NULL,
        [UserId] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        CONSTRAINT [PK_PortalSessions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084949_PortalSessions'
)
BEGIN
    CREATE INDEX [IX_PortalSessions_UserId] ON [PortalSessions] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084949_PortalSessions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203084949_PortalSessions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084954_AuditVerificationsAppendOnly'
)
BEGIN
    EXEC(N'CREATE TRIGGER AuditVerifications_AppendOnly ON AuditVerifications
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        THROW 51000, ''AuditVerifications is append-only'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203084954_AuditVerificationsAppendOnly'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203084954_AuditVerificationsAppendOnly', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203101428_ModelVersionCreatedById'
)
BEGIN
    ALTER TABLE [ModelVersions] ADD [CreatedById] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203101428_ModelVersionCreatedById'
)
BEGIN
    EXEC(N'UPDATE v
    SET v.CreatedById = (
        SELECT TOP (1) e.ActorId
        FROM AuditEvents AS e
        WHERE e.Action = N''model-version.registered''
          AND e.EntityType = N''ModelVersion''
          AND e.EntityId = m.[Key] + N''/'' + CAST(v.Number AS nvarchar(11))
        ORDER BY e.Sequence)
    FROM ModelVersions AS v
    INNER JOIN Models AS m ON m.Id = v.ModelId
    WHERE v.CreatedById IS NULL;')
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203101428_ModelVersionCreatedById'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203101428_ModelVersionCreatedById', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [Incidents] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(200) NOT NULL,
        [Description] nvarchar(max) NOT NULL,
        [ModelId] int NULL,
        [ModelVersionId] int NULL,
        [EnvironmentId] int NULL,
        [Source] nvarchar(32) NOT NULL,
        [SignalKey] nvarchar(300) NULL,
        [SourceRef] nvarchar(300) NULL,
        [SourceLink] nvarchar(1000) NULL,
        [SignalCount] int NOT NULL,
        [Impact] nvarchar(16) NOT NULL,
        [Urgency] nvarchar(16) NOT NULL,
        [Priority] nvarchar(8) NOT NULL,
        [Level] nvarchar(8) NOT NULL,
        [AssigneeId] nvarchar(256) NULL,
        [AssigneeName] nvarchar(256) NULL,
        [State] nvarchar(16) NOT NULL,
        [HoldReason] nvarchar(32) NULL,
        [ResolutionCode] nvarchar(32) NULL,
        [ResolutionNotes] nvarchar(4000) NULL,
        [CancelReason] nvarchar(1000) NULL,
        [ImpactStartUtc] datetime2 NOT NULL,
        [DetectedAtUtc] datetime2 NOT NULL,
        [AcknowledgedAtUtc] datetime2 NULL,
        [AcknowledgedBy] nvarchar(256) NULL,
        [ResolvedAtUtc] datetime2 NULL,
        [ClosedAtUtc] datetime2 NULL,
        [CancelledAtUtc] datetime2 NULL,
        [ClockKind] nvarchar(16) NOT NULL,
        [ResponseTarget] bigint NOT NULL,
        [ResolutionTarget] bigint NOT NULL,
        [ResponseWarningSent] nvarchar(16) NOT NULL,
        [ResolutionWarningSent] nvarchar(16) NOT NULL,
        [Revision] int NOT NULL,
        [CreatedById] nvarchar(256) NOT NULL,
        [CreatedByName] nvarchar(256) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [ChangedBy] nvarchar(256) NOT NULL,
        [ChangedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Incidents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Incidents_Environments_EnvironmentId] FOREIGN KEY ([EnvironmentId]) REFERENCES [Environments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Incidents_ModelVersions_ModelVersionId] FOREIGN KEY ([ModelVersionId]) REFERENCES [ModelVersions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Incidents_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [IncidentSettings] (
        [Id] int NOT NULL,
        [PolicyJson] nvarchar(max) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_IncidentSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [Signals] (
        [Id] bigint NOT NULL IDENTITY,
        [Source] nvarchar(32) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [DedupKey] nvarchar(300) NOT NULL,
        [ModelId] int NULL,
        [ModelVersionId] int NULL,
        [EnvironmentId] int NULL,
        [Severity] nvarchar(16) NOT NULL,
        [Title] nvarchar(300) NOT NULL,
        [Detail] nvarchar(4000) NOT NULL,
        [SourceRef] nvarchar(300) NULL,
        [Link] nvarchar(1000) NULL,
        [OccurredAtUtc] datetime2 NOT NULL,
        [ProcessedAtUtc] datetime2 NULL,
        [Outcome] nvarchar(300) NULL,
        CONSTRAINT [PK_Signals] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [IncidentHolds] (
        [Id] bigint NOT NULL IDENTITY,
        [IncidentId] int NOT NULL,
        [Reason] nvarchar(32) NOT NULL,
        [StartUtc] datetime2 NOT NULL,
        [EndUtc] datetime2 NULL,
        CONSTRAINT [PK_IncidentHolds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentHolds_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [IncidentReviews] (
        [IncidentId] int NOT NULL,
        [Summary] nvarchar(4000) NOT NULL,
        [RootCause] nvarchar(4000) NOT NULL,
        [ContributingFactors] nvarchar(4000) NOT NULL,
        [ActionItems] nvarchar(max) NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        [UpdatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_IncidentReviews] PRIMARY KEY ([IncidentId]),
        CONSTRAINT [FK_IncidentReviews_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE TABLE [IncidentTimeline] (
        [Id] bigint NOT NULL IDENTITY,
        [IncidentId] int NOT NULL,
        [AtUtc] datetime2 NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [ActorId] nvarchar(256) NOT NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [Link] nvarchar(1000) NULL,
        CONSTRAINT [PK_IncidentTimeline] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IncidentTimeline_Incidents_IncidentId] FOREIGN KEY ([IncidentId]) REFERENCES [Incidents] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_IncidentHolds_IncidentId] ON [IncidentHolds] ([IncidentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_AssigneeId] ON [Incidents] ([AssigneeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_DetectedAtUtc] ON [Incidents] ([DetectedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_EnvironmentId] ON [Incidents] ([EnvironmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_ModelId_State] ON [Incidents] ([ModelId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_ModelVersionId] ON [Incidents] ([ModelVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_SignalKey_State] ON [Incidents] ([SignalKey], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Incidents_State_Priority] ON [Incidents] ([State], [Priority]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_IncidentTimeline_IncidentId_AtUtc] ON [IncidentTimeline] ([IncidentId], [AtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Signals_DedupKey] ON [Signals] ([DedupKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    CREATE INDEX [IX_Signals_ProcessedAtUtc] ON [Signals] ([ProcessedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204160816_Incidents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204160816_Incidents', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204174606_AuditPeopleIndexes'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_Action_EntityId] ON [AuditEvents] ([Action], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204174606_AuditPeopleIndexes'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_ActorId_OccurredAtUtc] ON [AuditEvents] ([ActorId], [OccurredAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204174606_AuditPeopleIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204174606_AuditPeopleIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE TABLE [AccessRequests] (
        [Id] int NOT NULL IDENTITY,
        [RequesterId] nvarchar(200) NOT NULL,
        [RequesterName] nvarchar(256) NOT NULL,
        [RequesterPrincipalName] nvarchar(256) NULL,
        [Role] nvarchar(64) NOT NULL,
        [Justification] nvarchar(2000) NOT NULL,
        [DurationDays] int NULL,
        [State] nvarchar(16) NOT NULL,
        [RequestedAtUtc] datetime2 NOT NULL,
        [ExpiresAtUtc] datetime2 NOT NULL,
        [DecidedById] nvarchar(200) NULL,
        [DecidedByName] nvarchar(256) NULL,
        [DecidedAtUtc] datetime2 NULL,
        [DecisionComment] nvarchar(2000) NULL,
        [GrantId] int NULL,
        [Revision] int NOT NULL,
        CONSTRAINT [PK_AccessRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_AccessRequests_NotDecidedByRequester] CHECK (DecidedById IS NULL OR DecidedById <> RequesterId)
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE TABLE [AccessReviews] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [Roles] nvarchar(max) NOT NULL,
        [Reviewers] nvarchar(32) NOT NULL,
        [ListedReviewers] nvarchar(max) NOT NULL,
        [DurationDays] int NOT NULL,
        [Default] nvarchar(32) NOT NULL,
        [RepeatEveryMonths] int NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [StartedAtUtc] datetime2 NOT NULL,
        [DueAtUtc] datetime2 NOT NULL,
        [StartedById] nvarchar(200) NOT NULL,
        [StartedByName] nvarchar(256) NOT NULL,
        [ReminderSentAtUtc] datetime2 NULL,
        [CompletedAtUtc] datetime2 NULL,
        [NextReviewId] int NULL,
        [Revision] int NOT NULL,
        CONSTRAINT [PK_AccessReviews] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE TABLE [RoleGrants] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] nvarchar(200) NOT NULL,
        [PersonName] nvarchar(256) NOT NULL,
        [Role] nvarchar(64) NOT NULL,
        [Provisioning] nvarchar(16) NOT NULL,
        [ExternalAssignmentId] nvarchar(128) NULL,
        [RequestId] int NULL,
        [GrantedById] nvarchar(200) NOT NULL,
        [GrantedByName] nvarchar(256) NOT NULL,
        [GrantedAtUtc] datetime2 NOT NULL,
        [EndsAtUtc] datetime2 NULL,
        [EndedAtUtc] datetime2 NULL,
        [EndedById] nvarchar(200) NULL,
        [EndedByName] nvarchar(256) NULL,
        [EndReason] nvarchar(1000) NULL,
        CONSTRAINT [PK_RoleGrants] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE TABLE [RoleRemovals] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] nvarchar(200) NOT NULL,
        [Role] nvarchar(64) NOT NULL,
        [RemovedAtUtc] datetime2 NOT NULL,
        [RemovedById] nvarchar(200) NOT NULL,
        [RemovedByName] nvarchar(256) NOT NULL,
        [Reason] nvarchar(1000) NOT NULL,
        [ClearedAtUtc] datetime2 NULL,
        CONSTRAINT [PK_RoleRemovals] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE TABLE [AccessReviewItems] (
        [Id] int NOT NULL IDENTITY,
        [ReviewId] int NOT NULL,
        [PersonId] nvarchar(200) NOT NULL,
        [PersonName] nvarchar(256) NOT NULL,
        [PrincipalName] nvarchar(256) NULL,
        [Role] nvarchar(64) NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [LastSignInUtc] datetime2 NULL,
        [RoleLastUsedUtc] datetime2 NULL,
        [Recommendation] nvarchar(16) NULL,
        [RecommendationReason] nvarchar(500) NULL,
        [Decision] nvarchar(16) NULL,
        [Justification] nvarchar(2000) NULL,
        [ReviewerId] nvarchar(200) NULL,
        [ReviewerName] nvarchar(256) NULL,
        [DecidedAtUtc] datetime2 NULL,
        [DecidedByDefault] bit NOT NULL,
        [AppliedAtUtc] datetime2 NULL,
        [Result] nvarchar(500) NULL,
        [Revision] int NOT NULL,
        CONSTRAINT [PK_AccessReviewItems] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AccessReviewItems_AccessReviews_ReviewId] FOREIGN KEY ([ReviewId]) REFERENCES [AccessReviews] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_AccessRequests_RequesterId_Role] ON [AccessRequests] ([RequesterId], [Role]) WHERE State = ''Pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE INDEX [IX_AccessRequests_State_RequestedAtUtc] ON [AccessRequests] ([State], [RequestedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AccessReviewItems_ReviewId_PersonId_Role] ON [AccessReviewItems] ([ReviewId], [PersonId], [Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE INDEX [IX_AccessReviews_State] ON [AccessReviews] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE INDEX [IX_RoleGrants_EndedAtUtc_EndsAtUtc] ON [RoleGrants] ([EndedAtUtc], [EndsAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE INDEX [IX_RoleGrants_PersonId_EndedAtUtc] ON [RoleGrants] ([PersonId], [EndedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    CREATE INDEX [IX_RoleRemovals_PersonId_ClearedAtUtc] ON [RoleRemovals] ([PersonId], [ClearedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204184748_AccessRequestsGrantsReviews'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204184748_AccessRequestsGrantsReviews', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [PortfolioSnapshots] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [ModelId] int NOT NULL,
        [Environment] nvarchar(64) NOT NULL,
        [Score] float NULL,
        [Status] nvarchar(16) NOT NULL,
        [TakenAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_PortfolioSnapshots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PortfolioSnapshots_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [ReportSubscriptions] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] nvarchar(128) NOT NULL,
        [PersonName] nvarchar(256) NOT NULL,
        [Email] nvarchar(320) NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Cadence] nvarchar(16) NOT NULL,
        [DayOfWeek] nvarchar(16) NULL,
        [DayOfMonth] int NULL,
        [LocalTime] time NOT NULL,
        [TimeZoneId] nvarchar(100) NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        [NextRunUtc] datetime2 NOT NULL,
        [LastRunUtc] datetime2 NULL,
        CONSTRAINT [PK_ReportSubscriptions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [UsageActivePeople] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [PersonId] nvarchar(128) NOT NULL,
        [Roles] nvarchar(400) NOT NULL,
        [BusinessUnit] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_UsageActivePeople] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [UsageRollups] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Count] bigint NOT NULL,
        CONSTRAINT [PK_UsageRollups] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [Reports] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(16) NOT NULL,
        [FromUtc] datetime2 NOT NULL,
        [ToUtc] datetime2 NOT NULL,
        [AsOfUtc] datetime2 NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [Progress] int NOT NULL,
        [Attempts] int NOT NULL,
        [Error] nvarchar(2000) NULL,
        [Trigger] nvarchar(16) NOT NULL,
        [SubscriptionId] int NULL,
        [DedupKey] nvarchar(200) NULL,
        [RequestedById] nvarchar(128) NOT NULL,
        [RequestedByName] nvarchar(256) NOT NULL,
        [RequestedAtUtc] datetime2 NOT NULL,
        [StartedAtUtc] datetime2 NULL,
        [GeneratedAtUtc] datetime2 NULL,
        [Headline] nvarchar(500) NULL,
        [Content] nvarchar(max) NULL,
        [ContentSha256] nvarchar(64) NULL,
        CONSTRAINT [PK_Reports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Reports_ReportSubscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [ReportSubscriptions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE TABLE [ReportFiles] (
        [Id] int NOT NULL IDENTITY,
        [ReportId] int NOT NULL,
        [Format] nvarchar(8) NOT NULL,
        [Bytes] varbinary(max) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_ReportFiles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ReportFiles_Reports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [Reports] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PortfolioSnapshots_Day_ModelId_Environment] ON [PortfolioSnapshots] ([Day], [ModelId], [Environment]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_PortfolioSnapshots_ModelId] ON [PortfolioSnapshots] ([ModelId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReportFiles_ReportId_Format] ON [ReportFiles] ([ReportId], [Format]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Reports_DedupKey] ON [Reports] ([DedupKey]) WHERE [DedupKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_Reports_Kind_RequestedAtUtc] ON [Reports] ([Kind], [RequestedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_Reports_State] ON [Reports] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_Reports_SubscriptionId] ON [Reports] ([SubscriptionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_ReportSubscriptions_Active_NextRunUtc] ON [ReportSubscriptions] ([Active], [NextRunUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE INDEX [IX_ReportSubscriptions_PersonId] ON [ReportSubscriptions] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_UsageActivePeople_Day_PersonId] ON [UsageActivePeople] ([Day], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_UsageRollups_Day_Kind_Subject] ON [UsageRollups] ([Day], [Kind], [Subject]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    EXEC(N'CREATE TRIGGER Reports_KeepArchived ON Reports
    AFTER UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        IF EXISTS (SELECT 1 FROM deleted WHERE State = ''Succeeded'')
            THROW 51002, ''Archived reports are immutable'', 1;
    END');
    EXEC(N'CREATE TRIGGER ReportFiles_Immutable ON ReportFiles
    INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        SET NOCOUNT ON;
        THROW 51002, ''Archived reports are immutable'', 1;
    END');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204212530_UsageAndReports'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204212530_UsageAndReports', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    ALTER TABLE [DatasetVersions] ADD [DerivedFromId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    CREATE TABLE [ModelFollowers] (
        [Id] bigint NOT NULL IDENTITY,
        [ModelId] int NOT NULL,
        [PersonId] nvarchar(128) NOT NULL,
        [PersonName] nvarchar(200) NOT NULL,
        [CreatedAtUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_ModelFollowers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ModelFollowers_Models_ModelId] FOREIGN KEY ([ModelId]) REFERENCES [Models] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    CREATE INDEX [IX_DatasetVersions_DerivedFromId] ON [DatasetVersions] ([DerivedFromId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ModelFollowers_ModelId_PersonId] ON [ModelFollowers] ([ModelId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    CREATE INDEX [IX_ModelFollowers_PersonId] ON [ModelFollowers] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    ALTER TABLE [DatasetVersions] ADD CONSTRAINT [FK_DatasetVersions_DatasetVersions_DerivedFromId] FOREIGN KEY ([DerivedFromId]) REFERENCES [DatasetVersions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205000940_FollowersAndDatasetDerivation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205000940_FollowersAndDatasetDerivation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205002939_NotificationEmail'
)
BEGIN
    ALTER TABLE [Notifications] ADD [EmailPending] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205002939_NotificationEmail'
)
BEGIN
    ALTER TABLE [Notifications] ADD [EmailedAtUtc] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205002939_NotificationEmail'
)
BEGIN
    CREATE INDEX [IX_Notifications_EmailPending_CreatedAtUtc] ON [Notifications] ([EmailPending], [CreatedAtUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205002939_NotificationEmail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205002939_NotificationEmail', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206074225_MetricPointIds'
)
BEGIN
    ALTER TABLE [MetricPoints] ADD [Id] bigint NOT NULL IDENTITY;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206074225_MetricPointIds'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MetricPoints_Id] ON [MetricPoints] ([Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206074225_MetricPointIds'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206074225_MetricPointIds', N'10.0.15');
END;

COMMIT;
GO

