using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

/// <summary>Who may call a route: anyone, anyone signed in, or only some roles.</summary>
public enum Access
{
    Anyone,
    SignedIn,
    /// <summary>A signed-in customer, and no staff member.</summary>
    Customer,
    AdminOrCsm,
    AgentOrAdmin,
    Staff,
    Admin,
    /// <summary>The business's store (a client-credentials token of the <c>store</c> scope), and no person.</summary>
    Store,
    /// <summary>
    /// A webhook: only a body signed with a shared secret (the email provider's deliveries); every caller
    /// without the signature, token or not, is answered 401.
    /// </summary>
    Signed,
}

/// <summary>One route of the public API and who may call it.</summary>
public sealed record PublicRoute(string Method, string Path, Access Access)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Every route every service publishes, read from each service's own OpenAPI document (so a new route
/// is found without anyone listing it), and the one table that says who may call each. A route the
/// documents show and the table does not know fails the tests that use it, as does a table row no
/// service publishes any more.
/// </summary>
public static class PublicRoutes
{
    /// <summary>The expectations: read as "method path: who may call it".</summary>
    public static readonly IReadOnlyDictionary<string, Access> Table = new Dictionary<string, Access>
    {
        ["GET /api/identity/status"] = Access.Anyone,
        ["POST /api/identity/signup"] = Access.Anyone,
        ["POST /api/identity/verify-email"] = Access.Anyone,
        ["POST /api/identity/resend-verification"] = Access.Anyone,
        ["POST /api/identity/forgot-password"] = Access.Anyone,
        ["POST /api/identity/reset-password"] = Access.Anyone,
        ["POST /api/identity/confirm-email-change"] = Access.Anyone,
        ["GET /api/identity/me"] = Access.SignedIn,
        ["POST /api/identity/change-password"] = Access.SignedIn,
        ["POST /api/identity/change-email"] = Access.SignedIn,
        ["POST /api/identity/staff/{userId}/disable"] = Access.Admin,
        ["POST /api/identity/staff/{userId}/enable"] = Access.Admin,
        // OpenID Connect: the endpoints answer in OAuth's own terms (redirects, RFC 6749 errors).
        ["POST /connect/token"] = Access.Anyone,
        ["GET /connect/authorize"] = Access.Anyone,
        ["POST /connect/authorize"] = Access.Anyone,
        ["GET /connect/endsession"] = Access.Anyone,
        ["POST /connect/endsession"] = Access.Anyone,

        ["GET /api/onboarding/status"] = Access.Anyone,
        ["GET /api/onboarding/tour"] = Access.SignedIn,
        ["GET /api/onboarding/journey"] = Access.SignedIn,
        ["PUT /api/onboarding/journey/details"] = Access.SignedIn,
        ["PUT /api/onboarding/journey/profile"] = Access.SignedIn,
        ["GET /api/onboarding/journey/integrations"] = Access.SignedIn,
        ["POST /api/onboarding/journey/integrations"] = Access.SignedIn,
        ["POST /api/onboarding/journey/explorations"] = Access.SignedIn,
        ["POST /api/onboarding/journey/queries"] = Access.SignedIn,
        ["POST /api/onboarding/journey/steps/{key}/done"] = Access.SignedIn,
        ["POST /api/onboarding/journey/advanced-training"] = Access.SignedIn,
        ["POST /api/onboarding/journey/help"] = Access.SignedIn,
        ["POST /api/onboarding/journey/survey"] = Access.SignedIn,
        ["GET /api/onboarding/journeys/{customerId}"] = Access.SignedIn,
        ["GET /api/onboarding/approvals"] = Access.AdminOrCsm,
        ["GET /api/onboarding/journeys"] = Access.AdminOrCsm,
        ["POST /api/onboarding/approvals/{approvalId}/decision"] = Access.AdminOrCsm,

        ["GET /api/training/status"] = Access.Anyone,
        ["GET /api/training/courses"] = Access.SignedIn,
        ["GET /api/training/courses/{courseId}"] = Access.SignedIn,
        ["GET /api/training/enrollments"] = Access.SignedIn,
        ["GET /api/training/enrollments/{enrollmentId}"] = Access.SignedIn,
        ["POST /api/training/enrollments/{enrollmentId}/modules/{moduleId}/complete"] = Access.SignedIn,
        ["POST /api/training/enrollments/{enrollmentId}/quiz-attempts"] = Access.SignedIn,
        ["POST /api/training/enrollments/{enrollmentId}/extra-attempts"] = Access.AdminOrCsm,
        ["GET /api/training/admin/courses"] = Access.Admin,
        ["POST /api/training/admin/courses"] = Access.Admin,
        ["GET /api/training/admin/courses/{courseId}"] = Access.Admin,
        ["POST /api/training/admin/courses/{courseId}/versions"] = Access.Admin,
        ["POST /api/training/admin/courses/{courseId}/draft/publish"] = Access.Admin,
        ["PUT /api/training/admin/courses/{courseId}/draft"] = Access.Admin,
        ["POST /api/training/admin/courses/{courseId}/draft/modules"] = Access.Admin,
        ["PUT /api/training/admin/courses/{courseId}/draft/modules/{moduleId}"] = Access.Admin,
        ["DELETE /api/training/admin/courses/{courseId}/draft/modules/{moduleId}"] = Access.Admin,
        ["POST /api/training/admin/courses/{courseId}/draft/questions"] = Access.Admin,
        ["PUT /api/training/admin/courses/{courseId}/draft/questions/{questionId}"] = Access.Admin,
        ["DELETE /api/training/admin/courses/{courseId}/draft/questions/{questionId}"] = Access.Admin,

        ["GET /api/support/status"] = Access.Anyone,
        ["GET /api/support/staff"] = Access.Staff,
        ["GET /api/support/tickets"] = Access.SignedIn,
        ["POST /api/support/tickets"] = Access.SignedIn,
        ["PATCH /api/support/tickets/{ticketId}"] = Access.Staff,
        ["POST /api/support/tickets/{ticketId}/satisfaction"] = Access.SignedIn,
        ["POST /api/support/inbound-email"] = Access.Signed,
        ["POST /api/support/feedback"] = Access.Signed,
        ["POST /api/support/calls"] = Access.Staff,
        ["GET /api/support/tickets/{ticketId}/attachments/{attachmentId}"] = Access.SignedIn,
        ["GET /api/support/articles"] = Access.Anyone,
        ["GET /api/support/articles/{slug}"] = Access.Anyone,
        ["POST /api/support/articles/{slug}/feedback"] = Access.Anyone,
        ["GET /api/support/categories"] = Access.Anyone,
        ["POST /api/support/kb-sessions"] = Access.Anyone,
        ["POST /api/support/deflections"] = Access.SignedIn,
        ["GET /api/support/kb/articles"] = Access.Staff,
        ["GET /api/support/kb/articles/{articleId}"] = Access.Staff,
        ["POST /api/support/kb/articles"] = Access.AgentOrAdmin,
        ["PUT /api/support/kb/articles/{articleId}/draft"] = Access.AgentOrAdmin,
        ["POST /api/support/kb/articles/{articleId}/publish"] = Access.AgentOrAdmin,
        ["POST /api/support/kb/categories"] = Access.AgentOrAdmin,
        ["GET /api/support/reports/satisfaction"] = Access.Staff,
        ["GET /api/support/reports/self-service"] = Access.Staff,
        ["GET /api/support/reports/sentiment"] = Access.Staff,
        ["GET /api/support/reports/times"] = Access.Staff,
        ["GET /api/support/reports/sla"] = Access.Staff,
        ["GET /api/support/reports/backlog"] = Access.Staff,
        ["GET /api/support/tickets/{ticketId}"] = Access.SignedIn,
        ["GET /api/support/tickets/{ticketId}/context"] = Access.Staff,
        ["POST /api/support/tickets/{ticketId}/messages"] = Access.SignedIn,
        ["POST /api/support/tickets/{ticketId}/resolve"] = Access.SignedIn,
        ["POST /api/support/tickets/{ticketId}/assign"] = Access.AgentOrAdmin,
        ["POST /api/support/tickets/{ticketId}/merge"] = Access.AgentOrAdmin,
        ["GET /api/support/macros"] = Access.Staff,
        ["POST /api/support/macros"] = Access.AgentOrAdmin,
        ["PUT /api/support/macros/{macroId}"] = Access.AgentOrAdmin,
        ["DELETE /api/support/macros/{macroId}"] = Access.AgentOrAdmin,
        ["GET /api/support/tickets/{ticketId}/macros/{macroId}"] = Access.Staff,
        ["POST /api/support/tickets/{ticketId}/macros/{macroId}"] = Access.Staff,
        ["GET /api/support/routing"] = Access.Staff,
        ["PUT /api/support/staff/me/availability"] = Access.AgentOrAdmin,
        ["PUT /api/support/staff/{staffId}/routing"] = Access.Admin,
        ["POST /api/support/chats"] = Access.Customer,
        ["GET /api/support/chats"] = Access.SignedIn,
        ["GET /api/support/chats/{chatId}"] = Access.SignedIn,
        ["POST /api/support/chats/{chatId}/messages"] = Access.SignedIn,
        ["POST /api/support/chats/{chatId}/take"] = Access.AgentOrAdmin,
        ["POST /api/support/chats/{chatId}/read"] = Access.SignedIn,
        ["POST /api/support/chats/{chatId}/end"] = Access.SignedIn,
        ["POST /api/support/returns"] = Access.SignedIn,
        ["GET /api/support/returns"] = Access.SignedIn,
        ["GET /api/support/returns/{returnId}"] = Access.SignedIn,
        ["GET /api/support/returns/review"] = Access.AgentOrAdmin,
        ["POST /api/support/returns/{returnId}/approve"] = Access.AgentOrAdmin,
        ["POST /api/support/returns/{returnId}/reject"] = Access.AgentOrAdmin,
        ["POST /api/support/returns/{returnId}/receive"] = Access.AgentOrAdmin,

        ["GET /api/notifications/status"] = Access.Anyone,
        ["GET /api/notifications"] = Access.SignedIn,
        ["POST /api/notifications/{id}/read"] = Access.SignedIn,
        ["POST /api/notifications/read-all"] = Access.SignedIn,
        ["GET /api/notifications/preferences"] = Access.SignedIn,
        ["PUT /api/notifications/preferences"] = Access.SignedIn,
        ["GET /api/notifications/history"] = Access.SignedIn,

        ["GET /api/loyalty/status"] = Access.Anyone,
        ["GET /api/loyalty/me"] = Access.SignedIn,
        ["GET /api/loyalty/me/ledger"] = Access.SignedIn,
        ["GET /api/loyalty/me/codes"] = Access.SignedIn,
        ["POST /api/loyalty/me/referrals"] = Access.SignedIn,
        ["GET /api/loyalty/rewards"] = Access.SignedIn,
        ["POST /api/loyalty/rewards/{rewardId}/redeem"] = Access.SignedIn,
        ["POST /api/loyalty/codes/{code}/redemptions"] = Access.Store,
        ["GET /api/loyalty/members/{email}/benefits"] = Access.Store,
        ["POST /api/loyalty/captures"] = Access.Anyone,
        ["GET /api/loyalty/staff/popup"] = Access.Staff,
        ["GET /api/loyalty/staff/analytics"] = Access.Staff,
        ["GET /api/loyalty/staff/members"] = Access.Staff,
        ["GET /api/loyalty/staff/members/{memberId}"] = Access.Staff,
        ["GET /api/loyalty/staff/members/{memberId}/ledger"] = Access.Staff,
        ["POST /api/loyalty/staff/members/{memberId}/adjustments"] = Access.AgentOrAdmin,
        ["GET /api/loyalty/staff/programme"] = Access.Admin,
        ["PUT /api/loyalty/staff/programme"] = Access.Admin,
        ["GET /api/loyalty/staff/programme/versions"] = Access.Admin,
        ["GET /api/loyalty/staff/programme/versions/{version}"] = Access.Admin,

        ["GET /api/customers/status"] = Access.Anyone,
        ["PUT /api/customers/orders/{orderId}"] = Access.Store,
        ["POST /api/customers/orders/{orderId}/events"] = Access.Store,
        ["GET /api/customers/me"] = Access.SignedIn,
        ["GET /api/customers/me/orders"] = Access.SignedIn,
        ["GET /api/customers/me/recommendations"] = Access.SignedIn,
        ["GET /api/customers"] = Access.Staff,
        ["GET /api/customers/{customerId}"] = Access.Staff,
        ["GET /api/customers/{customerId}/timeline"] = Access.Staff,
        ["POST /api/customers/{customerId}/notes"] = Access.Staff,
        ["PATCH /api/customers/{customerId}/profile"] = Access.Staff,
        ["GET /api/customers/{customerId}/changes"] = Access.Staff,
        ["GET /api/customers/analytics/onboarding"] = Access.Staff,
        ["GET /api/customers/analytics/commerce"] = Access.Staff,
        ["GET /api/customers/analytics/support"] = Access.Staff,
    };

    /// <summary>The "role" the attack matrix gives the store's caller: no person's role, so only <see cref="Access.Store"/> lets it in.</summary>
    public const string StoreCaller = "store";

    /// <summary>Reads every service's OpenAPI document (directly, as the gateway does not route them).</summary>
    public static async Task<IReadOnlyList<PublicRoute>> DiscoverAsync(DistributedApplication app)
    {
        var found = new List<string>();
        foreach (var service in ResourceNames.Services.All)
        {
            using var client = new HttpClient { BaseAddress = app.GetEndpoint(service, "http") };
            using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    if (operation.Name is "get" or "post" or "put" or "patch" or "delete")
                        found.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                }
            }
        }

        var unknown = found.Where(route => !Table.ContainsKey(route)).ToList();
        var gone = Table.Keys.Where(route => !found.Contains(route)).ToList();
        Assert.True(unknown.Count == 0 && gone.Count == 0,
            $"The table of public routes is out of date.\nPublished but not in the table:\n  {string.Join("\n  ", unknown)}\nIn the table but not published:\n  {string.Join("\n  ", gone)}");

        return [.. found.Select(route => route.Split(' ', 2)).Select(parts => new PublicRoute(parts[0], parts[1], Table[$"{parts[0]} {parts[1]}"]))];
    }

    /// <summary>Whether a caller with <paramref name="roles"/> (none: anonymous) may call a route of <paramref name="access"/>.</summary>
    public static bool Allows(Access access, IReadOnlyCollection<string>? roles) => access switch
    {
        Access.Anyone => true,
        Access.Store => roles is not null && roles.Contains(StoreCaller),
        _ when roles is not null && roles.Contains(StoreCaller) => false,
        Access.SignedIn => roles is not null,
        Access.Customer => roles is not null && roles.Contains(Roles.Customer),
        Access.AdminOrCsm => roles is not null && (roles.Contains(Roles.Admin) || roles.Contains(Roles.SuccessManager)),
        Access.AgentOrAdmin => roles is not null && (roles.Contains(Roles.Admin) || roles.Contains(Roles.Agent)),
        Access.Staff => roles is not null && roles.Any(Roles.Staff.Contains),
        Access.Admin => roles is not null && roles.Contains(Roles.Admin),
        _ => false,
    };
}
