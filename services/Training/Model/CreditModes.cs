namespace CustomerPlatform.Training;

/// <summary>How a multiple-choice question scores a partly right answer (the other types are right or wrong).</summary>
public static class CreditModes
{
    /// <summary>Full credit only for exactly the correct set of choices.</summary>
    public const string AllOrNothing = "all-or-nothing";

    /// <summary>Each correct choice picked earns its share; each wrong one picked takes a share away (never below 0).</summary>
    public const string Partial = "partial";

    public static readonly IReadOnlyList<string> All = [AllOrNothing, Partial];
}
