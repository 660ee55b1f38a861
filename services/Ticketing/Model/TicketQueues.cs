namespace CustomerPlatform.Ticketing;

public static class TicketQueues
{
    /// <summary>Tickets nobody owns yet (e.g. help asked before a CSM is assigned): agents and admins see them.</summary>
    public const string Support = "support";
}
