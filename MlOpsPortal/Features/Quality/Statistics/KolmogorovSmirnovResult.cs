namespace MlOpsPortal.Features.Quality.Statistics;

/// <summary>How a Kolmogorov–Smirnov p-value was obtained.</summary>
public enum KsPValueMethod
{
    /// <summary>kstwo.sf(D, round(m·n/(m+n))), SciPy's method='asymp'.</summary>
    Asymptotic,

    /// <summary>Exact lattice-path count, SciPy's method='exact'.</summary>
    Exact,
}

/// <summary>Two-sample Kolmogorov–Smirnov outcome: D, its p-value and how that p-value was computed.</summary>
public sealed record KolmogorovSmirnovResult(double Statistic, double? PValue, KsPValueMethod Method);
