using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>New → InProgress ⇄ OnHold → Resolved → Closed; Cancelled from New or InProgress; Resolved → InProgress (reopen).</summary>
[FeatureContract]
public enum IncidentState
{
    New = 1,
    InProgress = 2,
    OnHold = 3,
    Resolved = 4,
    Closed = 5,
    Cancelled = 6,
}

/// <summary>What opened an incident: a person, or one of the signals.</summary>
public enum IncidentSource
{
    Manual = 0,
    Alert = 1,
    QualityReport = 2,
    DeploymentFailure = 3,
    DeploymentRollback = 4,
    ExternalAlert = 5,
}

/// <summary>The support tier working an incident; a response breach moves it one up.</summary>
[FeatureContract]
public enum SupportLevel
{
    L1 = 1,
    L2 = 2,
    L3 = 3,
}

/// <summary>Why an incident waits; the resolution clock stands still meanwhile.</summary>
public enum HoldReason
{
    AwaitingCaller = 1,
    AwaitingVendor = 2,
    AwaitingData = 3,
    AwaitingRetraining = 4,

    /// <summary>Not chosen by a person: the time between resolving and reopening, which no clock counts.</summary>
    ResolvedUntilReopened = 99,
}

/// <summary>How an incident was resolved.</summary>
public enum ResolutionCode
{
    Fixed = 1,
    RolledBack = 2,
    Retrained = 3,
    DataCorrected = 4,
    ConfigurationChanged = 5,
    Workaround = 6,
    NoFaultFound = 7,
    Duplicate = 8,
    ResolvedBySource = 9,
}

/// <summary>What a timeline entry records.</summary>
public enum TimelineKind
{
    Opened = 1,
    StateChanged = 2,
    Comment = 3,
    Signal = 4,
    Assigned = 5,
    Escalated = 6,
    SlaWarning = 7,
    Edited = 8,
    Review = 9,
}

/// <summary>The two SLA targets every incident has.</summary>
public enum SlaTargetKind
{
    Response = 1,
    Resolution = 2,
}
