using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Ticketing;

/// <summary><c>Ticketing:Chat</c>: how long a chat waits for an agent before it becomes an ordinary ticket.</summary>
public sealed class ChatOptions
{
    public const string Section = "Ticketing:Chat";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Ticketing:Chat:TakeWithin must be between 1 second and 1 day.")]
    public TimeSpan TakeWithin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest chat message, in characters.</summary>
    public const int MaxMessageLength = 4000;
}
