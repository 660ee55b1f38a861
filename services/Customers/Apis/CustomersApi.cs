using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Customers;

public static class CustomersApi
{
    /// <summary>At most this many orders in <c>GET /api/customers/me/orders</c>, the newest.</summary>
    public const int MaxOrdersListed = 200;

    public static IEndpointRouteBuilder MapCustomersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/customers").WithTags("Customers");
        api.MapStatus(ResourceNames.Services.Customers);

        // The store's routes: a client-credentials token of the store scope, and nothing else, reaches them.
        var orders = api.MapGroup("orders").RequireAuthorization(AuthenticationExtensions.StorePolicy);
        orders.MapPut("{orderId}", OrdersApi.PutAsync).WithSummary("The store reports an order (201 new, 200 known)");
        orders.MapPost("{orderId}/events", OrdersApi.PostEventAsync).WithSummary("The store reports a change to an order");

        var me = api.MapGroup("me").RequireAuthorization();
        me.MapGet("", GetMeAsync).WithSummary("The caller's profile");
        me.MapGet("orders", GetMyOrdersAsync).WithSummary("The caller's orders, newest first");
        me.MapGet("recommendations", GetMyRecommendationsAsync).WithSummary("Items to offer the caller, from everyone's orders");

        // The staff's search and 360° view (admins, CSMs and agents).
        api.MapGet("", SearchApi.SearchAsync).RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]))
            .WithSummary("Customers by name, address or order number, typos forgiven, best match first");
        var analytics = api.MapGroup("analytics").RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]));
        analytics.MapGet("onboarding", AnalyticsApi.OnboardingAsync).WithSummary("The journey's funnel: customers per step, drop-off, time per step");
        analytics.MapGet("commerce", AnalyticsApi.CommerceAsync).WithSummary("Orders, revenue, order value, lifetime value, repeat rate and retention cohorts");
        analytics.MapGet("support", AnalyticsApi.SupportAsync).WithSummary("Survey scores and the time to staff's first answer on tickets");
        var staff = api.MapGroup("{customerId:guid}").RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]));
        staff.MapGet("", StaffApi.GetCustomerAsync).WithSummary("A customer's profile, orders and latest timeline");
        staff.MapGet("timeline", StaffApi.GetTimelineAsync).WithSummary("A customer's timeline, newest first, a page at a time");
        staff.MapPost("notes", StaffApi.AddNoteAsync).WithSummary("A staff note, or a logged call or meeting, on the timeline");
        staff.MapPatch("profile", ProfileApi.UpdateAsync).WithSummary("Staff change a customer's company, job title, phones, addresses or tags");
        staff.MapGet("changes", ProfileApi.GetChangesAsync).WithSummary("Who changed what in a customer's details, newest first");
        return app;
    }

    /// <summary>The profile the platform's events built, or, before the first of them arrives, what the token says.</summary>
    public static async Task<Ok<CustomerProfileView>> GetMeAsync(ClaimsPrincipal user, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        return TypedResults.Ok(profile is null
            ? new CustomerProfileView(customerId, user.GetEmail() ?? "", user.GetDisplayName() ?? "", null, user.FindFirstValue("email_verified") == "true")
            : new CustomerProfileView(profile.CustomerId, profile.Email, profile.DisplayName, profile.SignedUpAt, profile.EmailVerifiedAt is not null));
    }

    public static async Task<Ok<List<RecommendationView>>> GetMyRecommendationsAsync(
        ClaimsPrincipal user, CustomersDbContext db, IOptions<CustomersOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Recommendations.ForAsync(db, user.GetCustomerId(), options.Value.ConsumableCategories, cancellationToken));

    public static async Task<Ok<List<OrderView>>> GetMyOrdersAsync(ClaimsPrincipal user, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        var orders = await db.Orders.Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(MaxOrdersListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.Select(o => o.ToView()).ToList());
    }
}
