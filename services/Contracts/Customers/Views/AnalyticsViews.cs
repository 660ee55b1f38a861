namespace CustomerPlatform.Contracts.Customers.Views;

/// <summary>
/// <c>GET /api/customers/analytics/onboarding</c>: the customers who signed up in the period, how many reached each
/// journey step, how many were lost since the step before, and the median and 90th percentile time from the step
/// before to this one.
/// </summary>
public sealed record OnboardingFunnelView(DateTimeOffset From, DateTimeOffset To, int SignedUp, IReadOnlyList<FunnelStepView> Steps);

public sealed record FunnelStepView(int Step, string? Key, int Reached, int DroppedSincePrevious, double? MedianHours, double? P90Hours);

/// <summary>
/// <c>GET /api/customers/analytics/commerce</c>: the period's orders (cancelled ones left out) by currency, the share
/// of buyers who ordered more than once, and monthly retention cohorts (buyers by the month of their first order,
/// and how many of them ordered again each month after).
/// </summary>
public sealed record CommerceAnalyticsView(
    DateTimeOffset From, DateTimeOffset To, int Buyers, double RepeatPurchaseRate, IReadOnlyList<CurrencyFiguresView> ByCurrency,
    IReadOnlyList<RetentionCohortView> Cohorts);

/// <summary>
/// Revenue is net of refunds; lifetime value is the net revenue of all the orders, ever, of the period's buyers, on average
/// per buyer. A cohort's retention counts every order since, up to now.
/// </summary>
public sealed record CurrencyFiguresView(string Currency, int Orders, int Buyers, decimal Revenue, decimal AverageOrderValue, decimal CustomerLifetimeValue);

/// <summary><see cref="Retention"/>[k]: the share (0 to 1) of the cohort's buyers who ordered k months after their first month.</summary>
public sealed record RetentionCohortView(string Month, int Buyers, IReadOnlyList<double> Retention);

/// <summary>
/// <c>GET /api/customers/analytics/support</c>: the survey's scores and the time from a ticket's opening to staff's
/// first answer, for the period; the support desk and loyalty add theirs later.
/// </summary>
public sealed record SupportAnalyticsView(
    DateTimeOffset From, DateTimeOffset To, int Surveys, double? AverageScore, IReadOnlyList<int> ScoreCounts,
    int TicketsOpened, int TicketsAnswered, double? MedianFirstAnswerHours, double? P90FirstAnswerHours);
