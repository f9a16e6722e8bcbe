using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOpsPortal.Features.Quality;

/// <summary>Checks a five-field cron (UTC) and reads it out the way people say schedules: "every day at 02:00 UTC".</summary>
public static partial class CronText
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6)];

    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Null when the expression is valid, else what is wrong with it.</summary>
    public static string? Problem(string? cron)
    {
        var parts = (cron ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            return "A schedule is a cron of five fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" for every day at 02:00 UTC.";
        }

        for (var i = 0; i < 5; i++)
        {
            var (name, min, max) = Fields[i];
            foreach (var item in parts[i].Split(','))
            {
                var match = ItemPattern().Match(item);
                if (!match.Success)
                {
                    return $"The {name} field '{parts[i]}' is not valid: use *, a number, a range a-b, a list a,b or a step */n.";
                }

                foreach (var group in new[] { match.Groups["from"], match.Groups["to"] })
                {
                    if (group.Success && (int.Parse(group.Value, CultureInfo.InvariantCulture) is var n && (n < min || n > max)))
                    {
                        return $"The {name} field allows {min}–{max}; '{group.Value}' is outside.";
                    }
                }

                if (match.Groups["to"].Success && int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture) < int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture))
                {
                    return $"The {name} range '{item}' runs backwards; write the smaller number first.";
                }

                if (match.Groups["step"].Success && int.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture) == 0)
                {
                    return $"The {name} field has a step of 0.";
                }
            }
        }

        return null;
    }

    public static string Describe(string cron)
    {
        if (Problem(cron) is not null)
        {
            return $"invalid schedule '{cron}'";
        }

        var p = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (minute, hour, day, month, weekday) = (p[0], p[1], p[2], p[3], p[4]);
        bool IsNumber(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        string At() => $"{int.Parse(hour, CultureInfo.InvariantCulture):00}:{int.Parse(minute, CultureInfo.InvariantCulture):00} UTC";

        if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*" && day == "*" && month == "*" && weekday == "*")
        {
            return $"every {minute[2..]} minutes";
        }

        if (IsNumber(minute) && hour == "*" && day == "*" && month == "*" && weekday == "*")
        {
            return $"every hour at minute {minute}";
        }

        if (IsNumber(minute) && IsNumber(hour) && month == "*")
        {
            if (day == "*" && weekday == "*")
            {
                return $"every day at {At()}";
            }

            if (day == "*" && weekday == "1-5")
            {
                return $"every weekday at {At()}";
            }

            if (day == "*" && IsNumber(weekday))
            {
                return $"every {Days[int.Parse(weekday, CultureInfo.InvariantCulture)]} at {At()}";
            }

            if (IsNumber(day) && weekday == "*")
            {
                return $"on day {day} of every month at {At()}";
            }
        }

        return $"on cron '{cron}' (UTC)";
    }

    [GeneratedRegex(@"^(\*|(?<from>\d{1,2})(-(?<to>\d{1,2}))?)(/(?<step>\d{1,2}))?$")]
    private static partial Regex ItemPattern();
}
