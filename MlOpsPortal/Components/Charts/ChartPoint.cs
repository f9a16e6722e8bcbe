using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsPortal.Components.Charts;

/// <summary>
/// One sample of a time series. <see cref="Y"/> is nullable because ApexCharts draws a gap for
/// <c>null</c>, which is how missing scrapes should look rather than as a drop to zero.
/// </summary>
[JsonConverter(typeof(ChartPointJsonConverter))]
public readonly record struct ChartPoint(DateTimeOffset X, double? Y)
{
    /// <summary>The x value as ApexCharts expects it on a datetime axis: Unix milliseconds (UTC).</summary>
    public long XUnixMilliseconds => X.ToUnixTimeMilliseconds();
}

/// <summary>
/// Writes <c>{"x": unixMs, "y": value|null}</c>. The null is written on purpose (unlike option
/// properties) so the chart shows a gap instead of failing to parse the point.
/// </summary>
internal sealed class ChartPointJsonConverter : JsonConverter<ChartPoint>
{
    // Points only travel to the browser.
    public override ChartPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Chart points are not read back from JSON.");

    public override void Write(Utf8JsonWriter writer, ChartPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("x", value.XUnixMilliseconds);
        if (value.Y is { } y && double.IsFinite(y))
        {
            writer.WriteNumber("y", y);
        }
        else
        {
            // NaN/Infinity are not valid JSON; a gap is the honest rendering of them.
            writer.WriteNull("y");
        }

        writer.WriteEndObject();
    }
}
