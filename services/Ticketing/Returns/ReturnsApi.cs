using System.Security.Claims;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>
/// Returns (RMAs) of delivered orders. The customer's routes are commerce.md's (<c>POST</c> and <c>GET
/// /api/support/returns</c>); agents and admins review what the policy did not approve, and check parcels in. Every
/// change publishes its event; approval and refusal email the customer, once.
/// </summary>
public static class ReturnsApi
{
    public const int MaxReasonLength = 2000;

    public sealed record RequestReturnRequest(string? OrderId, IReadOnlyList<ReturnLineRequest>? Lines, string? Reason);

    public sealed record ReturnCreated(Guid ReturnId, string Status);

    public sealed record DecisionRequest(string? Note);

    public sealed record ReturnView(
        Guid ReturnId, string ReturnNumber, string OrderId, string Status, string Reason, IReadOnlyList<OrderLine> Lines, decimal Value,
        string Currency, bool NeedsReview, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? DecisionNote,
        DateTimeOffset? ReceivedAt, DateTimeOffset? RefundedAt, Guid CustomerId, string? CustomerName, string CustomerEmail)
    {
        public static ReturnView Of(ProductReturn r) => new(
            r.Id, r.ReturnNumber, r.OrderId, r.Status, r.Reason, r.Lines, r.Value, r.Currency, r.NeedsReview, r.RequestedAt,
            r.DecidedAt, r.DecisionNote, r.ReceivedAt, r.RefundedAt, r.CustomerId, r.CustomerName, r.CustomerEmail);
    }

    public sealed record ReturnPage(IReadOnlyList<ReturnView> Items, int Page, int PageSize, int Total);

    public static IEndpointRouteBuilder MapReturnsApi(this RouteGroupBuilder api)
    {
        var returns = api.MapGroup("returns").RequireAuthorization();
        returns.MapPost("", RequestAsync)
            .WithName("RequestReturn")
            .WithSummary("The customer asks to return lines of a delivered order: {orderId, lines: [{sku, quantity}], reason} → 201 {returnId, status}");
        returns.MapGet("", ListMineAsync)
            .WithName("ListMyReturns")
            .WithSummary("The caller's returns, newest first");
        returns.MapGet("{returnId:guid}", GetAsync)
            .WithName("GetReturn")
            .WithSummary("One return: its requester's, or any for agents and admins");

        var desk = returns.MapGroup("").RequireAuthorization(policy => policy.RequireRole(Roles.Agent, Roles.Admin));
        desk.MapGet("review", ReviewListAsync)
            .WithName("ListReturnsToReview")
            .WithSummary("Agents: returns by status (status=requested by default; several comma-separated), oldest first (page, pageSize)");
        desk.MapPost("{returnId:guid}/approve", ApproveAsync)
            .WithName("ApproveReturn")
            .WithSummary("Agents: approves a requested return {note?}; the customer gets the instructions by email");
        desk.MapPost("{returnId:guid}/reject", RejectAsync)
            .WithName("RejectReturn")
            .WithSummary("Agents: refuses a requested return {note: the reason the customer is told}");
        desk.MapPost("{returnId:guid}/receive", ReceiveAsync)
            .WithName("ReceiveReturn")
            .WithSummary("Agents: the parcel of an approved return arrived; the store's refund completes it");
        return api;
    }

    public static async Task<Results<Created<ReturnCreated>, ValidationProblem>> RequestAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, ReturnEmails emails,
        IOptions<ReturnsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<RequestReturnRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var orderId = body.OrderId?.Trim();
        if (string.IsNullOrEmpty(orderId) || !TicketRules.OrderIdPattern().IsMatch(orderId))
            errors["orderId"] = ["'orderId' is required: the id of one of your delivered orders."];
        var reason = TicketRules.Text(body.Reason, "reason", MaxReasonLength, errors);
        if (body.Lines is null or { Count: 0 })
            errors["lines"] = ["'lines' is required: at least one {sku, quantity} of the order."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        var now = time.GetUtcNow();
        var policy = options.Value;
        return await db.InTransactionAsync(async () =>
        {
            // The order's row is the lock: two returns of one order are checked one after the other.
            var order = await db.SupportOrders
                .FromSqlRaw("SELECT * FROM support_orders WHERE order_id = {0} FOR UPDATE", orderId!)
                .SingleOrDefaultAsync(cancellationToken);
            if (order is null || !await OwnsAsync(db, order, me, cancellationToken))
                return (Results<Created<ReturnCreated>, ValidationProblem>)TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["orderId"] = [$"You have no order '{orderId}'."] });

            var earlier = await db.Returns.AsNoTracking()
                .Where(r => r.OrderId == order.OrderId && ReturnStatuses.Counted.Contains(r.Status))
                .Select(r => r.Lines)
                .ToListAsync(cancellationToken);
            var lines = ReturnPolicy.Check(order, body.Lines, earlier.SelectMany(l => l), policy.WindowDays, now, errors);
            if (lines is null)
                return TypedResults.ValidationProblem(errors);

            var since = now.AddDays(-policy.ReviewWindowDays);
            var recent = await db.Returns.CountAsync(r => r.CustomerId == me && r.RequestedAt >= since && ReturnStatuses.Counted.Contains(r.Status), cancellationToken);
            var value = ReturnPolicy.ValueOf(lines);
            var needsReview = ReturnPolicy.NeedsReview(value, recent, policy);
            var productReturn = new ProductReturn
            {
                Id = Guid.CreateVersion7(now),
                OrderId = order.OrderId,
                CustomerId = me,
                CustomerEmail = order.Email,
                CustomerName = order.CustomerName ?? user.GetDisplayName(),
                Status = ReturnStatuses.Requested,
                Reason = reason!,
                Lines = lines,
                Value = value,
                Currency = order.Currency ?? "",
                NeedsReview = needsReview,
                RequestedAt = now,
                UpdatedAt = now,
            };
            db.Returns.Add(productReturn);
            await db.SaveChangesAsync(cancellationToken); // the number comes from the database

            await publish.Publish(new ReturnRequested { Return = productReturn.Details(), At = now, Reason = productReturn.Reason, NeedsReview = needsReview }, cancellationToken);
            if (!needsReview)
            {
                productReturn.Approve(null, null, now);
                await ApprovedAsync(productReturn, null, now, publish, emails, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/support/returns/{productReturn.Id}", new ReturnCreated(productReturn.Id, productReturn.Status));
        }, cancellationToken);
    }

    public static async Task<Ok<List<ReturnView>>> ListMineAsync(ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetCustomerId();
        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.CustomerId == me)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(returns.Select(ReturnView.Of).ToList());
    }

    public static async Task<Results<Ok<ReturnView>, NotFound>> GetAsync(Guid returnId, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var productReturn = await db.Returns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == returnId, cancellationToken);
        return productReturn is not null && (productReturn.CustomerId == user.GetCustomerId() || MayReview(user))
            ? TypedResults.Ok(ReturnView.Of(productReturn))
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<ReturnPage>, ValidationProblem>> ReviewListAsync(
        TicketingDbContext db, string? status, string? page, string? pageSize, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = (status ?? ReturnStatuses.Requested).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = statuses.Count == 0 ? "" : statuses.FirstOrDefault(s => !ReturnStatuses.All.Contains(s));
        if (unknown is not null)
            errors["status"] = [$"Unknown status '{unknown}'; known: {string.Join(", ", ReturnStatuses.All)}."];
        Paging.TryParse(page, pageSize, out var paging, errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var returns = db.Returns.AsNoTracking().Where(r => statuses.Contains(r.Status));
        var total = await returns.CountAsync(cancellationToken);
        var items = await returns.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ReturnPage(items.Select(ReturnView.Of).ToList(), paging.Page, paging.PageSize, total));
    }

    public static Task<Results<Ok<ReturnView>, NotFound, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid returnId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, ReturnEmails emails, TimeProvider time,
        CancellationToken cancellationToken) =>
        ChangeAsync(returnId, request, user, db, time, noteRequired: false, "approve", cancellationToken, async (r, me, note, now) =>
        {
            if (!r.Approve(me, note, now))
                return false;
            await ApprovedAsync(r, me, now, publish, emails, cancellationToken);
            return true;
        });

    public static Task<Results<Ok<ReturnView>, NotFound, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid returnId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, ReturnEmails emails, TimeProvider time,
        CancellationToken cancellationToken) =>
        ChangeAsync(returnId, request, user, db, time, noteRequired: true, "reject", cancellationToken, async (r, me, note, now) =>
        {
            if (!r.Reject(me, note!, now))
                return false;
            await publish.Publish(new ReturnRejected { Return = r.Details(), At = now, RejectedBy = me, Reason = note! }, cancellationToken);
            await publish.Publish(emails.Rejected(r), cancellationToken);
            return true;
        });

    public static Task<Results<Ok<ReturnView>, NotFound, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        Guid returnId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, TimeProvider time,
        CancellationToken cancellationToken) =>
        ChangeAsync(returnId, request, user, db, time, noteRequired: false, "receive", cancellationToken, async (r, me, _, now) =>
        {
            if (!r.Receive(me, now))
                return false;
            await publish.Publish(new ReturnReceived { Return = r.Details(), At = now, ReceivedBy = me }, cancellationToken);
            return true;
        });

    /// <summary>An approved return's event and the customer's instructions (<paramref name="by"/> null: the policy approved it).</summary>
    private static async Task ApprovedAsync(
        ProductReturn productReturn, Guid? by, DateTimeOffset now, IPublishEndpoint publish, ReturnEmails emails, CancellationToken cancellationToken)
    {
        await publish.Publish(new ReturnApproved { Return = productReturn.Details(), At = now, ApprovedBy = by }, cancellationToken);
        await publish.Publish(emails.Approved(productReturn), cancellationToken);
    }

    /// <summary>
    /// One agent's change of a return under its row's lock: the body's optional <c>note</c> (required to refuse), the
    /// change itself (false: not allowed from the return's status, a 409), then the save with its events.
    /// </summary>
    private static async Task<Results<Ok<ReturnView>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid returnId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, bool noteRequired, string action,
        CancellationToken cancellationToken, Func<ProductReturn, Guid, string?, DateTimeOffset, Task<bool>> change)
    {
        var (body, errors) = await JsonRequestBody.ReadOptionalAsync(request, new DecisionRequest(null), cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var note = TicketRules.Text(body.Note, "note", MaxReasonLength, errors, required: noteRequired);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        return await db.InTransactionAsync(async () =>
        {
            var productReturn = await db.Returns
                .FromSqlRaw("SELECT * FROM returns WHERE id = {0} FOR UPDATE", returnId)
                .SingleOrDefaultAsync(cancellationToken);
            if (productReturn is null)
                return (Results<Ok<ReturnView>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();
            if (!await change(productReturn, me, note, time.GetUtcNow()))
                return TypedResults.Problem(
                    $"Return {productReturn.ReturnNumber} is {productReturn.Status}: it cannot be {action}d now.",
                    statusCode: StatusCodes.Status409Conflict, title: $"This return cannot be {action}d");
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ReturnView.Of(productReturn));
        }, cancellationToken);
    }

    private static bool MayReview(ClaimsPrincipal user) => user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Admin);

    /// <summary>The order is the caller's: bought as them, or as a guest from the address they verified.</summary>
    private static async Task<bool> OwnsAsync(TicketingDbContext db, SupportOrder order, Guid me, CancellationToken cancellationToken) =>
        order.CustomerId == me
        || (order.CustomerId is null && await db.CustomerContacts.AnyAsync(c => c.CustomerId == me && c.VerifiedAt != null && c.Email == order.Email, cancellationToken));
}
