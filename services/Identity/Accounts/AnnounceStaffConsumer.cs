using CustomerPlatform.Contracts.Identity;
using MassTransit;

namespace CustomerPlatform.Identity;

/// <summary>Publishes every staff account again for a directory that started after Identity's own announcement.</summary>
public sealed class AnnounceStaffConsumer(StaffAccountEvents staff, IdentityDbContext db, ILogger<AnnounceStaffConsumer> logger) : IConsumer<AnnounceStaff>
{
    public async Task Consume(ConsumeContext<AnnounceStaff> context)
    {
        var count = await staff.PublishAllAsync(context.CancellationToken);
        // The consumer outbox writes the events with this SaveChanges and sends them after the commit.
        await db.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Announced {Count} staff accounts for {Service}", count, context.Message.RequestedBy);
    }
}
