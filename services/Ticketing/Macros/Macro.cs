namespace CustomerPlatform.Ticketing.Macros;

/// <summary>
/// A canned reply with actions, shared by the support team: the text (with <see cref="MacroText"/> placeholders) is
/// posted as a reply or, <see cref="Internal"/>, a note; then the status, priority and tags change as it says.
/// Deleting one only retires it (<see cref="Active"/>), so what was applied stays explainable.
/// </summary>
public sealed class Macro
{
    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public string? Body { get; set; }
    public bool Internal { get; set; }
    public string? SetStatus { get; set; }
    public string? SetPriority { get; set; }
    public List<string> AddTags { get; set; } = [];
    public List<string> RemoveTags { get; set; } = [];
    public bool Active { get; set; } = true;
    public required Guid CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
}
