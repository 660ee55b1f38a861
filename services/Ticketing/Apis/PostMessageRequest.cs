namespace CustomerPlatform.Ticketing;

/// <summary>A message on a ticket; <see cref="Internal"/> (staff only) makes it a note the customer never sees.</summary>
public sealed record PostMessageRequest(string? Body, bool? Internal);
