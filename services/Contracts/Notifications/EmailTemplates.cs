namespace CustomerPlatform.Contracts.Notifications;

/// <summary>The names of the email templates Notifications knows; senders name one in <see cref="SendEmail.Template"/>.</summary>
public static class EmailTemplates
{
    /// <summary>Variables: <c>displayName</c>, <c>verificationLink</c> (sensitive), <c>expiresInHours</c>.</summary>
    public const string VerifyEmail = "verify-email";

    /// <summary>Sent instead of a verification email when a verified address signs up again. Variables: <c>displayName</c>, <c>signInLink</c>, <c>resetLink</c>.</summary>
    public const string AlreadyRegistered = "already-registered";

    /// <summary>Variables: <c>displayName</c>, <c>resetLink</c> (sensitive), <c>expiresInMinutes</c>.</summary>
    public const string ResetPassword = "reset-password";

    /// <summary>Variables: <c>displayName</c>, <c>change</c> (what changed, in words), <c>changedAt</c> (ISO 8601, e.g. <c>DateTimeOffset.ToString("u")</c> or <c>"O"</c>).</summary>
    public const string AccountChanged = "account-changed";

    /// <summary>
    /// Sent to the address a signed-in customer asked to move their account to; redeeming the link makes it the
    /// account's address. Variables: <c>displayName</c>, <c>newEmail</c>, <c>confirmationLink</c> (sensitive), <c>expiresInHours</c>.
    /// </summary>
    public const string ConfirmEmailChange = "confirm-email-change";

    /// <summary>
    /// Journey step 8: the assigned customer success manager introduces themself (category onboarding,
    /// which a customer may turn off). Variables: <c>displayName</c>, <c>managerName</c>,
    /// <c>managerEmail</c>, <c>journeyLink</c>, optionally <c>managerMessage</c> (a few lines from the manager).
    /// </summary>
    public const string SuccessManagerIntroduction = "success-manager-introduction";

    /// <summary>
    /// The customer's CSM left and another took over their journey (category onboarding). Variables:
    /// <c>displayName</c>, <c>managerName</c>, <c>managerEmail</c>, <c>previousManagerName</c>, <c>journeyLink</c>.
    /// </summary>
    public const string SuccessManagerChanged = "success-manager-changed";

    /// <summary>Journey step 4: the details form is ready (category onboarding). Variables: <c>displayName</c>, <c>formLink</c>.</summary>
    public const string DetailsForm = "details-form";

    /// <summary>
    /// A staff member rejected a journey step (6, 11 or 19) and the customer must do an earlier step
    /// again (category onboarding). Variables: <c>displayName</c>, <c>stepTitle</c>, <c>reason</c>, <c>journeyLink</c>.
    /// </summary>
    public const string StepRejected = "step-rejected";

    /// <summary>
    /// The customer has been idle on a journey step for a while (one reminder per step, category
    /// onboarding). Variables: <c>displayName</c>, <c>stepTitle</c>, <c>journeyLink</c>.
    /// </summary>
    public const string StepReminder = "step-reminder";

    /// <summary>
    /// To a staff approver: an approval has waited more than a business day (category onboarding).
    /// Variables: <c>displayName</c> (the approver), <c>customerName</c>, <c>stepTitle</c>,
    /// <c>requestedAt</c> (ISO 8601), <c>approvalsLink</c>.
    /// </summary>
    public const string ApprovalReminder = "approval-reminder";

    /// <summary>
    /// After the journey, the customer success manager asks for a 1–5 score and a comment (category
    /// onboarding). Variables: <c>displayName</c>, <c>managerName</c>, <c>surveyLink</c>.
    /// </summary>
    public const string SatisfactionSurvey = "satisfaction-survey";

    /// <summary>
    /// Staff replied on the customer's ticket (category support). Variables: <c>displayName</c>,
    /// <c>ticketSubject</c>, <c>replyAuthor</c>, <c>replyExcerpt</c>, <c>ticketLink</c>.
    /// </summary>
    public const string TicketReplied = "ticket-replied";

    /// <summary>
    /// A ticket was solved: how did we do? (category support; asked once per ticket). Variables: <c>displayName</c>,
    /// <c>ticketSubject</c>, <c>ratingLink</c> (the ticket's page in the app, where the customer gives 1–5 and a comment).
    /// </summary>
    public const string TicketSatisfaction = "ticket-satisfaction";

    /// <summary>
    /// Nobody could take the customer's live chat in time: it is a ticket now, answered in the app and by email (category
    /// support; once per chat). Variables: <c>displayName</c>, <c>ticketNumber</c>, <c>ticketLink</c>.
    /// </summary>
    public const string ChatMissed = "chat-missed";

    /// <summary>
    /// The store's order was received (category orders, always sent). Variables: <c>displayName</c>, <c>orderId</c>,
    /// <c>orderLines</c> (one line per item), <c>orderTotal</c> (amount and currency), <c>estimatedDelivery</c>.
    /// </summary>
    public const string OrderConfirmation = "order-confirmation";

    /// <summary>
    /// The order left the warehouse (category orders). Variables: <c>displayName</c>, <c>orderId</c>, <c>carrier</c>,
    /// <c>trackingNumber</c>, <c>estimatedDelivery</c>.
    /// </summary>
    public const string OrderShipped = "order-shipped";

    /// <summary>The order arrived (category orders). Variables: <c>displayName</c>, <c>orderId</c>, <c>deliveredAt</c>.</summary>
    public const string OrderDelivered = "order-delivered";

    /// <summary>
    /// Support asks how it is going, some days after the delivery (category support: the customer may turn it off).
    /// Variables: <c>displayName</c>, <c>orderId</c>, <c>supportLink</c>.
    /// </summary>
    public const string OrderFollowUp = "order-follow-up";

    /// <summary>
    /// A return (RMA) was approved (category orders, always sent: the customer needs it to send the parcel). Variables:
    /// <c>displayName</c>, <c>returnNumber</c>, <c>orderId</c>, <c>returnLines</c> (one line per item), <c>instructions</c>,
    /// <c>returnLink</c>.
    /// </summary>
    public const string ReturnApproved = "return-approved";

    /// <summary>
    /// To a customer's CSM: the customer wrote something negative on a ticket (category support). Variables:
    /// <c>displayName</c> (the CSM), <c>customerName</c>, <c>ticketSubject</c>, <c>ticketNumber</c>, <c>messageExcerpt</c>, <c>ticketLink</c>.
    /// </summary>
    public const string UnhappyCustomer = "unhappy-customer";

    /// <summary>
    /// To a ticket's owner, or the support queue's agents while nobody owns it: an SLA target is at 75 % or missed
    /// (category support). Variables: <c>displayName</c>, <c>alert</c>, <c>ticketSubject</c>, <c>ticketNumber</c>,
    /// <c>priority</c>, <c>dueAt</c>, <c>ticketLink</c>.
    /// </summary>
    public const string SlaAlert = "sla-alert";

    /// <summary>
    /// A return was refused by an agent (category orders). Variables: <c>displayName</c>, <c>returnNumber</c>,
    /// <c>orderId</c>, <c>reason</c>, <c>returnLink</c>.
    /// </summary>
    public const string ReturnRejected = "return-rejected";

    /// <summary>
    /// The storefront's pop-up captured an address: its one personal first-purchase code (category loyalty). Variables:
    /// <c>code</c>, <c>percent</c>, <c>expiresAt</c>.
    /// </summary>
    public const string FirstPurchaseCode = "loyalty-first-purchase-code";

    /// <summary>
    /// A loyalty member's points of the last 12 months reached a higher tier (category loyalty: the customer may turn it
    /// off; once per member and tier). Variables: <c>tierName</c>, <c>loyaltyLink</c> (the app's loyalty page), optionally
    /// <c>benefits</c> (the tier's benefits, one per line).
    /// </summary>
    public const string LoyaltyTierUpgraded = "loyalty-tier-upgraded";

    /// <summary>
    /// Some of a loyalty member's points expire soon (category loyalty: the customer may turn it off; once per lot of points).
    /// Variables: <c>points</c>, <c>expiresAt</c> (ISO 8601: when the first of them expire), <c>loyaltyLink</c> (the app's loyalty page).
    /// </summary>
    public const string LoyaltyPointsExpiring = "loyalty-points-expiring";
}
