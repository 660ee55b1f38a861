using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing;

/// <summary>Who a ticket can go to: the active staff members Ticketing knows, by name.</summary>
public static class StaffDirectoryApi
{
    public static async Task<Ok<List<StaffMemberView>>> ListAsync(TicketingDbContext db, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().Where(s => s.Active).OrderBy(s => s.DisplayName).ToListAsync(cancellationToken);
        return TypedResults.Ok(staff
            .Where(s => s.Roles.Any(Roles.Staff.Contains))
            .Select(s => new StaffMemberView(s.Id, s.DisplayName, s.Roles.Where(Roles.Staff.Contains).ToList()))
            .ToList());
    }
}
