using System.Globalization;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using CustomerPlatform.Loyalty.Ledger;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Earning;

/// <summary>
/// Points for the customer's lifecycle (ADR-033): onboarding completed, a course passed, the survey answered, a ticket
/// rated. Each earns confirmed points once per event (its source key) and at most its rule's limit per period (counted
/// under the member's lock). A customer Loyalty has no member for yet (their sign-up not consumed yet) makes the message
/// fail: the retries and redeliveries wait for the sign-up.
/// </summary>
public sealed class LifecycleEarningConsumer(
    LoyaltyDbContext db, LedgerEvents ledger, IOptions<EarningOptions> options, TierUpgrades tierUpgrades, TimeProvider time, ILogger<LifecycleEarningConsumer> logger)
    : IConsumer<OnboardingCompleted>, IConsumer<TrainingCompleted>, IConsumer<SurveyAnswered>, IConsumer<TicketRated>
{
    public Task Consume(ConsumeContext<OnboardingCompleted> context)
    {
        var done = context.Message;
        return EarnAsync(done.CustomerId, LifecycleSources.Onboarding, $"{done.CustomerId}", options.Value.Onboarding, options.Value.Onboarding.Points,
            "Onboarding completed", done.CompletedAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<TrainingCompleted> context)
    {
        var passed = context.Message;
        var rule = options.Value.Training;
        return EarnAsync(passed.CustomerId, LifecycleSources.Training, $"{passed.EnrollmentId}", rule, rule.PointsFor(passed.Score),
            string.Create(CultureInfo.InvariantCulture, $"Course passed with {passed.Score:0.##} %"), passed.CompletedAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<SurveyAnswered> context)
    {
        var answered = context.Message;
        return EarnAsync(answered.CustomerId, LifecycleSources.Survey, $"{answered.CustomerId}:{answered.AnsweredAt.UtcTicks}", options.Value.Survey,
            options.Value.Survey.Points, "Survey answered", answered.AnsweredAt, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<TicketRated> context)
    {
        var rated = context.Message;
        return EarnAsync(rated.CustomerId, LifecycleSources.TicketRated, $"{rated.TicketId}", options.Value.TicketRating, options.Value.TicketRating.Points,
            "Support ticket rated", rated.RatedAt, context.CancellationToken);
    }

    private async Task EarnAsync(
        Guid customerId, string source, string id, LifecycleRule rule, long points, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var member = await MemberLedger.LockByCustomerAsync(db, customerId, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {customerId} has no member yet (their sign-up has not arrived): {source} waits for it.");
        var sourceKey = LifecycleSources.Key(source, id);
        var prefix = LifecycleSources.Key(source, "");
        var since = rule.Period is { } period ? at - period : DateTimeOffset.MinValue;
        // Under the member's lock, so two events of one kind cannot both take the last place in the period.
        var earned = await db.LedgerEntries.CountAsync(
            e => e.MemberId == member.Id && e.SourceKey.StartsWith(prefix) && e.SourceKey != sourceKey && e.At > since, cancellationToken);
        if (earned >= rule.Limit)
        {
            logger.LogInformation("Customer {CustomerId}'s {Source} {Id} earns nothing: {Earned} already in the period (limit {Limit})",
                customerId, source, id, earned, rule.Limit);
            return;
        }
        var now = time.GetUtcNow();
        var entry = new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Earn, Points = points, Reason = reason, SourceKey = sourceKey, At = at, RecordedAt = now,
        };
        // Earned points count toward the tier: the upgrade email, if any, goes with the entry (the consumer outbox).
        if (await ledger.AppendAsync(db, member, entry, cancellationToken))
            await tierUpgrades.AfterAppendAsync(db, member, entry, cancellationToken);
    }
}

/// <summary>The source keys of lifecycle points: <c>{source}:{the event's identity}</c>; their prefix counts a source's entries.</summary>
public static class LifecycleSources
{
    public const string Onboarding = "onboarding";
    public const string Training = "training";
    public const string Survey = "survey";
    public const string TicketRated = "ticket-rated";

    public static string Key(string source, string id) => $"{source}:{id}";
}
