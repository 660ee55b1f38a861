namespace CustomerPlatform.Training;

/// <summary>What an edit of a draft came to: done, a missing module or question, or invalid input.</summary>
internal sealed record DraftEdit(bool Found, Dictionary<string, string[]>? Errors)
{
    public static readonly DraftEdit Done = new(true, null);
    public static readonly DraftEdit Missing = new(false, null);

    public static DraftEdit Invalid(Dictionary<string, string[]> errors) => new(true, errors);
}
