using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CustomerPlatform.Customers.Consumers;

namespace CustomerPlatform.Customers;

/// <summary>The staff's routes: a customer's 360° view, their timeline a page at a time, and notes and logged contacts.</summary>
public static class StaffApi
{
    public const int DefaultTimelinePage = 50;
    public const int MaxTimelinePage = 200;

    private static readonly string[] NoteKinds = [TimelineKinds.Note, TimelineKinds.Call, TimelineKinds.Meeting];

    public static async Task<Results<Ok<Customer360View>, NotFound>> GetCustomerAsync(
        Guid customerId, CustomersDbContext db, IOptions<CustomersOptions> options, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.CustomerId == customerId, cancellationToken);
        if (profile is null)
            return TypedResults.NotFound();
        var orders = await db.Orders.Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(CustomersApi.MaxOrdersListed).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Customer360View(
            new CustomerProfileView(profile.CustomerId, profile.Email, profile.DisplayName, profile.SignedUpAt, profile.EmailVerifiedAt is not null),
            ProfileApi.Details(profile),
            [.. orders.Select(o => o.ToView())],
            await PageAsync(db, customerId, null, DefaultTimelinePage, cancellationToken),
            await Recommendations.ForAsync(db, customerId, options.Value.ConsumableCategories, cancellationToken),
            await ProfileApi.ChangesAsync(db, customerId, ProfileApi.ChangesListed, cancellationToken)));
    }

    public static async Task<Results<Ok<TimelinePage>, NotFound, ValidationProblem>> GetTimelineAsync(
        Guid customerId, string? before, int? limit, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (limit is not null and (< 1 or > MaxTimelinePage))
            return TypedResults.ValidationProblem(OrderValidation.Error("limit", $"'limit' is a whole number from 1 to {MaxTimelinePage}."));
        (DateTimeOffset At, Guid Id)? cursor = null;
        if (before is not null)
        {
            if (Cursor.Parse(before) is not { } parsed)
                return TypedResults.ValidationProblem(OrderValidation.Error("before", "'before' must be the 'next' of a page this route gave."));
            cursor = parsed;
        }
        if (!await db.Profiles.AnyAsync(p => p.CustomerId == customerId, cancellationToken))
            return TypedResults.NotFound();
        return TypedResults.Ok(await PageAsync(db, customerId, cursor, limit ?? DefaultTimelinePage, cancellationToken));
    }

    public static async Task<Results<Created<TimelineEntryView>, NotFound, ValidationProblem>> AddNoteAsync(
        Guid customerId, HttpRequest request, ClaimsPrincipal user, CustomersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<NoteRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var kind = body.Kind ?? TimelineKinds.Note;
        if (!NoteKinds.Contains(kind))
            return TypedResults.ValidationProblem(OrderValidation.Error("kind", $"'kind' is one of: {string.Join(", ", NoteKinds)}."));
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Trim().Length > 2000)
            return TypedResults.ValidationProblem(OrderValidation.Error("text", "'text' is required, at most 2000 characters."));
        if (body.DurationMinutes is not null && (kind == TimelineKinds.Note || body.DurationMinutes is < 1 or > 1440))
            return TypedResults.ValidationProblem(OrderValidation.Error("durationMinutes", "'durationMinutes' (1 to 1440) belongs to a call or a meeting."));
        if (!await db.Profiles.AnyAsync(p => p.CustomerId == customerId, cancellationToken))
            return TypedResults.NotFound();

        var now = time.GetUtcNow();
        var author = user.GetDisplayName() ?? "Staff";
        var text = kind switch
        {
            TimelineKinds.Call => $"Call ({body.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "?"} min) logged by {author}: {body.Text.Trim()}",
            TimelineKinds.Meeting => $"Meeting ({body.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "?"} min) logged by {author}: {body.Text.Trim()}",
            _ => $"Note by {author}: {body.Text.Trim()}",
        };
        var entry = new TimelineEntry
        {
            Id = NewId.NextGuid(), CustomerId = customerId, At = now, Kind = kind, Source = ResourceNames.Services.Customers,
            Text = TimelineConsumer.Shorten(text, 2000), AuthorId = user.GetCustomerId(), SourceKey = $"staff:{kind}:{Guid.NewGuid():N}",
            RecordedAt = now,
        };
        db.Timeline.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/customers/{customerId}/timeline", View(entry));
    }

    private static async Task<TimelinePage> PageAsync(CustomersDbContext db, Guid customerId, (DateTimeOffset At, Guid Id)? before, int limit, CancellationToken cancellationToken)
    {
        var query = db.Timeline.Where(e => e.CustomerId == customerId);
        if (before is { } cursor)
            query = query.Where(e => e.At < cursor.At || (e.At == cursor.At && e.Id.CompareTo(cursor.Id) < 0));
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        return new TimelinePage([.. page.Select(View)], rows.Count > limit ? Cursor.Of(page[^1].At, page[^1].Id) : null);
    }

    private static TimelineEntryView View(TimelineEntry e) => new(e.Id, e.At, e.Kind, e.Source, e.Text, e.Link, e.AuthorId);

    /// <summary>The keyset of a page's last entry, opaque to the client (base64url of its time and id).</summary>
    private static class Cursor
    {
        public static string Of(DateTimeOffset at, Guid id) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{id:N}"));

        public static (DateTimeOffset, Guid)? Parse(string value)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split(':');
                return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    && ticks is > 0 and < 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id)
                    ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
