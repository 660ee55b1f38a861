using CustomerPlatform.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>
/// Admins disable and re-enable staff accounts (routes beside journey.md's Identity section). A
/// disabled account cannot sign in, its sessions end and its access tokens are refused everywhere
/// within a second (ADR-015); the staff directories hear it is inactive.
/// </summary>
public static class StaffAdminApi
{
    public static RouteGroupBuilder MapStaffAdministration(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("staff/{userId:guid}").RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        staff.MapPost("disable", (Guid userId, IdentityDbContext db, AccountSessions sessions, StaffAccountEvents events, CancellationToken cancellationToken) =>
                SetDisabledAsync(userId, true, db, sessions, events, cancellationToken))
            .WithName("DisableStaffAccount").WithSummary("Admin: disable a staff account; its tokens stop working at once");
        staff.MapPost("enable", (Guid userId, IdentityDbContext db, AccountSessions sessions, StaffAccountEvents events, CancellationToken cancellationToken) =>
                SetDisabledAsync(userId, false, db, sessions, events, cancellationToken))
            .WithName("EnableStaffAccount").WithSummary("Admin: enable a disabled staff account again");
        return api;
    }

    private static async Task<Results<NoContent, NotFound>> SetDisabledAsync(
        Guid userId, bool disable, IdentityDbContext db, AccountSessions sessions, StaffAccountEvents events, CancellationToken cancellationToken)
    {
        var staffRoles = Roles.Staff.ToArray();
        var found = await db.InTransactionAsync(async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))), cancellationToken);
            if (user is null)
                return false;
            if (user.Disabled == disable)
                return true;

            user.LockoutEnd = disable ? DateTimeOffset.MaxValue : null;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            if (disable)
                await sessions.RevokeAllAsync(user, cancellationToken);
            // The staff event is built from a query of the account: it must see the change first.
            await db.SaveChangesAsync(cancellationToken);
            await events.PublishAsync([user.Id], cancellationToken);
            return true;
        }, cancellationToken);
        return found ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
