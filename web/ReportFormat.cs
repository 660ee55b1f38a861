using System.Globalization;

namespace CustomerPlatform.Web;

/// <summary>How the staff reports write their figures.</summary>
public static class ReportFormat
{
    public static string Hours(double? hours) => hours switch
    {
        null => "—",
        < 1 => $"{Math.Round(hours.Value * 60):0} min",
        < 48 => $"{hours.Value.ToString("0.#", CultureInfo.InvariantCulture)} h",
        _ => $"{(hours.Value / 24).ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    public static string Percent(double? share) => share?.ToString("0.#%", CultureInfo.InvariantCulture) ?? "—";

    public static string Number(double? value, string format = "0.##") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";
}
