namespace CustomerPlatform.Notifications.Templates;

/// <summary>The outcome of composing a request: the rendered email, or why it cannot be sent (<see cref="Error"/>).</summary>
public sealed record ComposedEmail(RenderedEmail? Email, string? Error)
{
    public static ComposedEmail Invalid(string error) => new(null, error);
}
