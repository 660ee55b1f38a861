using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Ticketing.Macros;

/// <summary>
/// Macros: the team's canned replies with actions. Staff list them and apply them to a ticket (after a preview they may
/// edit, as in Zendesk's composer); agents and admins write them.
/// </summary>
public static class MacrosApi
{
    public const int MaxNameLength = 100;

    public sealed record MacroRequest(
        string? Name, string? Body, bool? Internal, string? Status, string? Priority, IReadOnlyList<string>? AddTags, IReadOnlyList<string>? RemoveTags);

    public sealed record MacroView(
        Guid MacroId, string Name, string? Body, bool Internal, string? Status, string? Priority, IReadOnlyList<string> AddTags, IReadOnlyList<string> RemoveTags)
    {
        public static MacroView Of(Macro m) => new(m.Id, m.Name, m.Body, m.Internal, m.SetStatus, m.SetPriority, m.AddTags, m.RemoveTags);
    }

    /// <summary>The macro as it would apply to one ticket: its text with the ticket's values in.</summary>
    public sealed record MacroPreview(Guid MacroId, string? Body, bool Internal, string? Status, string? Priority, IReadOnlyList<string> AddTags, IReadOnlyList<string> RemoveTags);

    /// <summary>Applying: <c>body</c> replaces the macro's text (the agent edited the preview).</summary>
    public sealed record ApplyRequest(string? Body);

    public sealed record Applied(TicketSummary Ticket, Guid? MessageId);

    public static RouteGroupBuilder MapMacrosApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("").RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]));
        staff.MapGet("macros", ListAsync).WithName("ListMacros").WithSummary("Staff: the team's macros, by name");
        staff.MapGet("tickets/{ticketId:guid}/macros/{macroId:guid}", PreviewAsync)
            .WithName("PreviewMacro").WithSummary("Staff: a macro's text with the ticket's values (customer, order, agent) and its actions");
        staff.MapPost("tickets/{ticketId:guid}/macros/{macroId:guid}", ApplyAsync)
            .WithName("ApplyMacro").WithSummary("Staff: posts the macro's text (or the edited body) and applies its status, priority and tags, at once");

        var writers = api.MapGroup("macros").RequireAuthorization(policy => policy.RequireRole(Roles.Agent, Roles.Admin));
        writers.MapPost("", CreateAsync).WithName("CreateMacro").WithSummary("Agents: a new macro {name, body?, internal?, status?, priority?, addTags?, removeTags?}");
        writers.MapPut("{macroId:guid}", UpdateAsync).WithName("UpdateMacro").WithSummary("Agents: replaces a macro");
        writers.MapDelete("{macroId:guid}", RetireAsync).WithName("DeleteMacro").WithSummary("Agents: retires a macro");
        return api;
    }

    public static async Task<Ok<List<MacroView>>> ListAsync(TicketingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Macros.AsNoTracking().Where(m => m.Active).OrderBy(m => m.Name).ToListAsync(cancellationToken)).Select(MacroView.Of).ToList());

    public static async Task<Results<Created<MacroView>, ValidationProblem>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (macro, errors) = await ReadAsync(request, null, db, cancellationToken);
        if (macro is null)
            return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow();
        var created = new Macro { Id = Guid.CreateVersion7(now), Name = "", CreatedBy = user.GetCustomerId(), CreatedAt = now, UpdatedAt = now };
        Copy(macro, created);
        db.Macros.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/support/macros/{created.Id}", MacroView.Of(created));
    }

    public static async Task<Results<Ok<MacroView>, NotFound, ValidationProblem>> UpdateAsync(
        Guid macroId, HttpRequest request, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var existing = await db.Macros.SingleOrDefaultAsync(m => m.Id == macroId && m.Active, cancellationToken);
        if (existing is null)
            return TypedResults.NotFound();
        var (macro, errors) = await ReadAsync(request, macroId, db, cancellationToken);
        if (macro is null)
            return TypedResults.ValidationProblem(errors);
        Copy(macro, existing);
        existing.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(MacroView.Of(existing));
    }

    public static async Task<Results<NoContent, NotFound>> RetireAsync(Guid macroId, TicketingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var retired = await db.Macros.Where(m => m.Id == macroId && m.Active)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Active, false).SetProperty(x => x.UpdatedAt, time.GetUtcNow()), cancellationToken);
        return retired == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MacroPreview>, NotFound, ProblemHttpResult>> PreviewAsync(
        Guid ticketId, Guid macroId, ClaimsPrincipal user, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        var macro = await db.Macros.AsNoTracking().SingleOrDefaultAsync(m => m.Id == macroId && m.Active, cancellationToken);
        if (ticket is null || macro is null)
            return TypedResults.NotFound();
        var body = RenderFor(ticket, macro, await TicketMessagesApi.StaffNameAsync(db, user, cancellationToken), out var problem);
        return problem is not null
            ? problem
            : TypedResults.Ok(new MacroPreview(macro.Id, body, macro.Internal, macro.SetStatus, macro.SetPriority, macro.AddTags, macro.RemoveTags));
    }

    public static async Task<Results<Ok<Applied>, NotFound, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid ticketId, Guid macroId, HttpRequest request, ClaimsPrincipal user, TicketingDbContext db, IPublishEndpoint publish, TicketEmails emails,
        SlaTracking sla, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadOptionalAsync(request, new ApplyRequest(null), cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        errors = [];
        var edited = TicketRules.Text(body.Body, "body", TicketRules.MaxBodyLength, errors, required: false);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var me = user.GetCustomerId();
        return await db.InTransactionAsync(async () =>
        {
            var ticket = await TicketTransaction.LockAsync(db, ticketId, user, cancellationToken);
            var macro = await db.Macros.AsNoTracking().SingleOrDefaultAsync(m => m.Id == macroId && m.Active, cancellationToken);
            if (ticket is null || macro is null)
                return (Results<Ok<Applied>, NotFound, ValidationProblem, ProblemHttpResult>)TypedResults.NotFound();
            if (ticket.IsClosed)
                return SupportDeskApi.Conflict("This ticket is closed", $"Ticket {ticketId} is closed and read-only.");

            var staffName = await TicketMessagesApi.StaffNameAsync(db, user, cancellationToken);
            ProblemHttpResult? problem = null;
            var text = edited ?? RenderFor(ticket, macro, staffName, out problem);
            if (problem is not null)
                return problem;

            var now = time.GetUtcNow();
            TicketMessage? message = null;
            if (!string.IsNullOrEmpty(text))
            {
                message = ticket.Post(me, staffName, text, now, sla.For(ticket), @internal: macro.Internal);
                db.Messages.Add(message);
                if (!message.Internal)
                    await TicketMessagesApi.AnsweredAsync(db, ticket, message, staffName, publish, emails, cancellationToken);
            }
            if (macro.SetPriority is { } priority)
                ticket.SetPriority(priority, now, sla.For(ticket));
            var tags = ticket.Tags.Except(macro.RemoveTags).Union(macro.AddTags).ToList();
            if (!tags.SequenceEqual(ticket.Tags))
                (ticket.Tags, ticket.UpdatedAt) = (tags, now);
            if (macro.SetStatus is { } status)
                await SupportDeskApi.ChangeStatusAsync(ticket, status, me, publish, sla, now, cancellationToken);
            await sla.FlushAsync(ticket, publish, cancellationToken);
            return TypedResults.Ok(new Applied(TicketSummary.Of(ticket), message?.Id));
        }, cancellationToken);
    }

    /// <summary>The macro's text for the ticket; a 409 naming the placeholder the ticket has no value for.</summary>
    private static string? RenderFor(Ticket ticket, Macro macro, string? agentName, out ProblemHttpResult? problem)
    {
        problem = null;
        if (macro.Body is null)
            return null;
        var text = MacroText.Render(macro.Body, MacroText.ValuesFor(ticket, agentName), out var missing);
        if (missing is not null)
            problem = SupportDeskApi.Conflict("The macro does not fit this ticket", $"Macro '{macro.Name}' uses {{{{{missing}}}}}, which ticket #{ticket.Number} has no value for.");
        return text;
    }

    private static async Task<(Macro? Macro, Dictionary<string, string[]> Errors)> ReadAsync(
        HttpRequest request, Guid? self, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<MacroRequest>(request, cancellationToken);
        if (body is null)
            return (null, errors!);
        errors = [];
        var name = TicketRules.Text(body.Name, "name", MaxNameLength, errors);
        var text = TicketRules.Text(body.Body, "body", TicketRules.MaxBodyLength, errors, required: false);
        if (text is not null && MacroText.Unknown(text) is [var unknown, ..])
            errors["body"] = [$"Unknown placeholder {{{{{unknown}}}}}; known: {string.Join(", ", MacroText.Placeholders.Select(p => "{{" + p + "}}"))}."];
        var status = TicketRules.OneOf(body.Status, "status", TicketStatuses.Settable, errors);
        var priority = TicketRules.OneOf(body.Priority, "priority", TicketPriorities.All, errors);
        var add = TicketRules.Tags(body.AddTags, errors) ?? [];
        var remove = TicketRules.Tags(body.RemoveTags, errors) ?? [];
        if (text is null && status is null && priority is null && add.Count == 0 && remove.Count == 0 && !errors.ContainsKey("body"))
            errors["body"] = ["A macro needs a text or at least one action (status, priority, addTags, removeTags)."];
        if (name is not null && await db.Macros.AnyAsync(m => m.Active && m.Name == name && m.Id != self, cancellationToken))
            errors["name"] = [$"There is already a macro named '{name}'."];
        if (errors.Count > 0)
            return (null, errors);
        return (new Macro
        {
            Id = Guid.Empty, Name = name!, Body = text, Internal = body.Internal == true, SetStatus = status, SetPriority = priority,
            AddTags = add, RemoveTags = remove, CreatedBy = Guid.Empty, CreatedAt = default, UpdatedAt = default,
        }, errors);
    }

    private static void Copy(Macro from, Macro to) =>
        (to.Name, to.Body, to.Internal, to.SetStatus, to.SetPriority, to.AddTags, to.RemoveTags) =
        (from.Name, from.Body, from.Internal, from.SetStatus, from.SetPriority, from.AddTags, from.RemoveTags);
}
