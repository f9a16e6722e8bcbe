// Drift statistics at scale, each against a baseline measured in the same run (machines here are noisy):
//   (1) KS (statistic + p-value) + PSI + normalised Wasserstein on two 1,000,000-value columns:
//       values/s and the ratio to sorting copies of the same two columns with Array.Sort
//   (2) per-feature drift of a 50-feature × 100,000-row reference/current pair (45 numeric, 5 categorical):
//       seconds, in parallel across features and on one thread
//   (3) the product's whole data-drift check of the same pair as a run does it: stored samples (gzip JSON of text
//       cells) decompressed, each column's type inferred and parsed, every feature tested, the verdict built —
//       seconds (target ≤ 5 s), and its ratio to (2)
// Run: dotnet run -c Release --project bench/DriftBench [1] [2] [3]   (no argument: all)
using System.Diagnostics;
using System.Globalization;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Quality.Statistics;

const int ColumnSize = 1_000_000;
const int Repetitions = 7;
const int Features = 50;
const int CategoricalFeatures = 5;
const int Rows = 100_000;
const int DatasetRepetitions = 3;

var parts = args.Length == 0 ? "123" : string.Concat(args);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}"));

if (parts.Contains('1', StringComparison.Ordinal))
{
    var reference = Normal(ColumnSize, 0, 1, seed: 1);
    var current = Normal(ColumnSize, 0.002, 1.001, seed: 2);
    Console.WriteLine(string.Create(invariant, $"(1) KS + PSI + Wasserstein on two columns of {ColumnSize:N0} values"));
    Console.WriteLine($"{"run",4} {"sort (ms)",10} {"drift (ms)",11} {"ratio",7}");

    // Discarded warm-up of both sides: tiered JIT.
    Baseline(reference, current);
    var (d, p, psi, w) = Drift(reference, current);
    var sorts = new List<double>();
    var drifts = new List<double>();
    for (var run = 0; run < Repetitions; run++)
    {
        // Alternating which side goes first, so load from elsewhere lands on both alike.
        double sortMs, driftMs;
        if (run % 2 == 0)
        {
            sortMs = Time(() => Baseline(reference, current));
            driftMs = Time(() => Drift(reference, current));
        }
        else
        {
            driftMs = Time(() => Drift(reference, current));
            sortMs = Time(() => Baseline(reference, current));
        }

        sorts.Add(sortMs);
        drifts.Add(driftMs);
        Console.WriteLine(string.Create(invariant, $"{run,4} {sortMs,10:F1} {driftMs,11:F1} {driftMs / sortMs,7:F2}"));
    }

    var sortMedian = Median(sorts);
    var driftMedian = Median(drifts);
    Console.WriteLine(string.Create(invariant, $"    D = {d:G6}, p = {p:G6}, PSI = {psi:G6}, W1/std = {w:G6}"));
    Console.WriteLine(string.Create(invariant,
        $"    median: Array.Sort {sortMedian:F1} ms, drift {driftMedian:F1} ms → {2.0 * ColumnSize / (driftMedian / 1000):N0} values/s, ratio to sort {driftMedian / sortMedian:F2}"));
}

if (parts.Contains('2', StringComparison.Ordinal))
{
    Console.WriteLine(string.Create(invariant, $"(2) per-feature drift, {Features} features × {Rows:N0} rows ({Features - CategoricalFeatures} numeric, {CategoricalFeatures} categorical)"));
    var columns = BuildDataset();
    DatasetDrift.Evaluate(columns);
    var parallel = new List<double>();
    var serial = new List<double>();
    DatasetDriftResult? dataset = null;
    for (var run = 0; run < DatasetRepetitions; run++)
    {
        parallel.Add(Time(() => dataset = DatasetDrift.Evaluate(columns).Dataset) / 1000);
        serial.Add(Time(() => DatasetDrift.Evaluate(columns, maxDegreeOfParallelism: 1)) / 1000);
        Console.WriteLine(string.Create(invariant, $"{run,4} parallel {parallel[^1]:F2} s, one thread {serial[^1]:F2} s"));
    }

    Console.WriteLine(string.Create(invariant,
        $"    median: parallel {Median(parallel):F2} s, one thread {Median(serial):F2} s; {dataset!.DriftedCount}/{dataset.EvaluatedCount} features drifted, dataset drifted: {dataset.Drifted}"));
}

if (parts.Contains('3', StringComparison.Ordinal))
{
    Console.WriteLine(string.Create(invariant, $"(3) the whole data-drift check from stored samples, {Features} features × {Rows:N0} rows"));
    var columns = BuildDataset();
    var (reference, current) = (Stored(columns, c => c.NumericReference, c => c.CategoricalReference), Stored(columns, c => c.NumericCurrent, c => c.CategoricalCurrent));
    var settings = new CheckSuiteSettings();
    DriftCheck.Evaluate(CheckKind.DataDrift, SampleTable.Decompress(reference), SampleTable.Decompress(current), settings);
    var whole = new List<double>();
    var statisticsOnly = new List<double>();
    CheckOutcome? outcome = null;
    for (var run = 0; run < DatasetRepetitions; run++)
    {
        whole.Add(Time(() => outcome = DriftCheck.Evaluate(CheckKind.DataDrift, SampleTable.Decompress(reference), SampleTable.Decompress(current), settings)) / 1000);
        statisticsOnly.Add(Time(() => DatasetDrift.Evaluate(columns)) / 1000);
        Console.WriteLine(string.Create(invariant, $"{run,4} whole check {whole[^1]:F2} s, statistics alone {statisticsOnly[^1]:F2} s"));
    }

    Console.WriteLine(string.Create(invariant,
        $"    median: whole check {Median(whole):F2} s (target ≤ 5 s), {Median(whole) / Median(statisticsOnly):F2}× the statistics alone; {outcome!.Status}: {outcome.Summary}"));
}

static byte[] Stored(FeatureColumns[] columns, Func<FeatureColumns, double[]?> numbers, Func<FeatureColumns, IReadOnlyList<string?>?> categories)
{
    var cells = columns.Select(c => numbers(c) is { } values
        ? values.Select(v => double.IsNaN(v) ? null : v.ToString("R", CultureInfo.InvariantCulture)).ToArray()
        : categories(c)!.ToArray()).ToList();
    return SampleTable.Compress(new SampleTable([.. columns.Select(c => c.Name)], cells).ToCanonicalJson());
}

static void Baseline(double[] reference, double[] current)
{
    var a = (double[])reference.Clone();
    var b = (double[])current.Clone();
    Array.Sort(a);
    Array.Sort(b);
}

static (double D, double? P, double Psi, double W) Drift(double[] reference, double[] current)
{
    var r = NumericSample.Create(reference);
    var c = NumericSample.Create(current);
    var ks = KolmogorovSmirnov.Test(r, c);
    var edges = EqualWidthBins.Edges(r, c);
    var psi = DistributionDistances.PopulationStabilityIndex(
        EqualWidthBins.Shares(EqualWidthBins.CountSorted(r.Sorted, edges), r.Count),
        EqualWidthBins.Shares(EqualWidthBins.CountSorted(c.Sorted, edges), c.Count));
    return (ks.Statistic, ks.PValue, psi, Wasserstein.Normalized(r, c));
}

static FeatureColumns[] BuildDataset()
{
    var columns = new FeatureColumns[Features];
    string[] categories = [.. Enumerable.Range(0, 12).Select(i => "category-" + i.ToString(CultureInfo.InvariantCulture))];
    for (var f = 0; f < Features; f++)
    {
        var name = "feature_" + f.ToString(CultureInfo.InvariantCulture);
        if (f < CategoricalFeatures)
        {
            var random = new Random(f);
            string?[] reference = [.. Enumerable.Range(0, Rows).Select(_ => categories[Math.Min(random.Next(12), random.Next(12))])];
            string?[] current = [.. Enumerable.Range(0, Rows).Select(_ => random.Next(50) == 0 ? null : categories[random.Next(12)])];
            columns[f] = FeatureColumns.Categorical(name, reference, current);
        }
        else
        {
            // Every third numeric feature drifts by a quarter of a standard deviation; some have missing cells.
            var shift = f % 3 == 0 ? 0.25 : 0;
            var current = Normal(Rows, shift, 1, seed: 1_000 + f);
            if (f % 5 == 0)
            {
                for (var i = 0; i < Rows; i += 97)
                {
                    current[i] = double.NaN;
                }
            }

            columns[f] = FeatureColumns.Numeric(name, Normal(Rows, 0, 1, seed: f), current);
        }
    }

    return columns;
}

static double[] Normal(int count, double mean, double sd, int seed)
{
    var random = new Random(seed);
    var values = new double[count];
    for (var i = 0; i < count; i++)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        values[i] = mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    return values;
}

static double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
