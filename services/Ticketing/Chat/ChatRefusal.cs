namespace CustomerPlatform.Ticketing;

/// <summary>Why a chat command was refused: the REST routes answer it as a problem, the hub as a <c>HubException</c>.</summary>
public sealed record ChatRefusal(int Status, string Title, string Detail, IDictionary<string, string[]>? Errors = null, Guid? ChatId = null)
{
    public static readonly ChatRefusal NotFound = new(StatusCodes.Status404NotFound, "Chat not found", "There is no such chat of yours.");

    public static ChatRefusal Invalid(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", string.Join(" ", errors.SelectMany(e => e.Value)), errors);

    public static ChatRefusal Conflict(string title, string detail, Guid? chatId = null) => new(StatusCodes.Status409Conflict, title, detail, ChatId: chatId);
}

/// <summary>What a chat command gave: its value, or why it was refused.</summary>
public readonly record struct ChatOutcome<T>(T? Value, ChatRefusal? Refusal)
{
    public static implicit operator ChatOutcome<T>(T value) => new(value, null);

    public static implicit operator ChatOutcome<T>(ChatRefusal refusal) => new(default, refusal);
}
