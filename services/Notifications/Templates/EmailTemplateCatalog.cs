using CustomerPlatform.Contracts.Notifications;
using static CustomerPlatform.Notifications.Templates.TemplateVariable;

namespace CustomerPlatform.Notifications.Templates;

/// <summary>
/// Every email the platform sends. To add one, add an entry here and its two body files (see the
/// service's README.md); the catalog test renders every entry, so a missing file or an undeclared
/// variable fails the build's tests rather than a customer's email.
/// </summary>
public static class EmailTemplateCatalog
{
    public static readonly IReadOnlyList<EmailTemplate> All =
    [
        new(EmailTemplates.VerifyEmail, NotificationCategories.Security,
            "Confirm your email address",
            [Text("displayName"), Link("verificationLink"), Number("expiresInHours", 1, 720)]),

        new(EmailTemplates.AlreadyRegistered, NotificationCategories.Security,
            "You already have a {{platform.name}} account",
            [Text("displayName"), Link("signInLink"), Link("resetLink")]),

        new(EmailTemplates.ResetPassword, NotificationCategories.Security,
            "Reset your {{platform.name}} password",
            [Text("displayName"), Link("resetLink"), Number("expiresInMinutes", 1, 1440)]),

        new(EmailTemplates.AccountChanged, NotificationCategories.Security,
            "Your {{platform.name}} account was changed",
            [Text("displayName"), Text("change"), Timestamp("changedAt")]),

        new(EmailTemplates.ConfirmEmailChange, NotificationCategories.Security,
            "Confirm your new email address",
            [Text("displayName"), EmailAddress("newEmail"), Link("confirmationLink"), Number("expiresInHours", 1, 720)]),

        new(EmailTemplates.SuccessManagerIntroduction, NotificationCategories.Onboarding,
            "Meet {{managerName}}, your success manager at {{platform.name}}",
            [Text("displayName"), Text("managerName"), EmailAddress("managerEmail"), Link("journeyLink"), Paragraph("managerMessage").Optional()]),

        new(EmailTemplates.SuccessManagerChanged, NotificationCategories.Onboarding,
            "{{managerName}} is your new success manager at {{platform.name}}",
            [Text("displayName"), Text("managerName"), EmailAddress("managerEmail"), Text("previousManagerName"), Link("journeyLink")]),

        new(EmailTemplates.DetailsForm, NotificationCategories.Onboarding,
            "Tell us a little about you",
            [Text("displayName"), Link("formLink")]),

        new(EmailTemplates.StepRejected, NotificationCategories.Onboarding,
            "One step of your onboarding needs another look",
            [Text("displayName"), Text("stepTitle"), Paragraph("reason", 2000), Link("journeyLink")]),

        new(EmailTemplates.StepReminder, NotificationCategories.Onboarding,
            "Pick up your onboarding where you left off",
            [Text("displayName"), Text("stepTitle"), Link("journeyLink")]),

        new(EmailTemplates.ApprovalReminder, NotificationCategories.Onboarding,
            "{{customerName}} is waiting for your approval",
            [Text("displayName"), Text("customerName"), Text("stepTitle"), Timestamp("requestedAt"), Link("approvalsLink")]),

        new(EmailTemplates.SatisfactionSurvey, NotificationCategories.Onboarding,
            "How did your onboarding with {{platform.name}} go?",
            [Text("displayName"), Text("managerName"), Link("surveyLink")]),

        new(EmailTemplates.TicketReplied, NotificationCategories.Support,
            "Re: {{ticketSubject}} [#{{ticketNumber}}]",
            [Text("displayName"), Text("ticketSubject"), Number("ticketNumber", 1, long.MaxValue), Text("replyAuthor"), Paragraph("replyExcerpt", 1000), Link("ticketLink")]),

        new(EmailTemplates.TicketSatisfaction, NotificationCategories.Support,
            "Your request {{ticketSubject}} is solved: how did we do?",
            [Text("displayName"), Text("ticketSubject"), Link("ratingLink")]),

        new(EmailTemplates.ChatMissed, NotificationCategories.Support,
            "We will answer your chat as ticket #{{ticketNumber}}",
            [Text("displayName"), Number("ticketNumber", 1, long.MaxValue), Link("ticketLink")]),

        new(EmailTemplates.OrderConfirmation, NotificationCategories.Orders,
            "Your order {{orderId}} is confirmed",
            [Text("displayName"), Text("orderId"), Paragraph("orderLines", 4000), Text("orderTotal"), Timestamp("estimatedDelivery")]),

        new(EmailTemplates.OrderShipped, NotificationCategories.Orders,
            "Your order {{orderId}} is on its way",
            [Text("displayName"), Text("orderId"), Text("carrier"), Text("trackingNumber"), Timestamp("estimatedDelivery")]),

        new(EmailTemplates.OrderDelivered, NotificationCategories.Orders,
            "Your order {{orderId}} was delivered",
            [Text("displayName"), Text("orderId"), Timestamp("deliveredAt")]),

        new(EmailTemplates.OrderFollowUp, NotificationCategories.Support,
            "How is your order {{orderId}} going?",
            [Text("displayName"), Text("orderId"), Link("supportLink")]),

        new(EmailTemplates.UnhappyCustomer, NotificationCategories.Support,
            "{{customerName}} is unhappy on ticket #{{ticketNumber}}",
            [Text("displayName"), Text("customerName"), Text("ticketSubject"), Number("ticketNumber", 1, long.MaxValue), Paragraph("messageExcerpt", 1000), Link("ticketLink")]),

        new(EmailTemplates.SlaAlert, NotificationCategories.Support,
            "Ticket #{{ticketNumber}} {{alert}}",
            [Text("displayName"), Text("alert"), Text("ticketSubject"), Number("ticketNumber", 1, long.MaxValue), Text("priority"), Timestamp("dueAt"), Link("ticketLink")]),

        new(EmailTemplates.ReturnApproved, NotificationCategories.Orders,
            "Your return {{returnNumber}} for order {{orderId}} is approved",
            [Text("displayName"), Text("returnNumber"), Text("orderId"), Paragraph("returnLines", 4000), Paragraph("instructions", 2000), Link("returnLink")]),

        new(EmailTemplates.ReturnRejected, NotificationCategories.Orders,
            "Your return {{returnNumber}} for order {{orderId}}",
            [Text("displayName"), Text("returnNumber"), Text("orderId"), Paragraph("reason", 2000), Link("returnLink")]),

        new(EmailTemplates.FirstPurchaseCode, NotificationCategories.Loyalty,
            "Your {{percent}} % code for your first order",
            [Text("code", 32), Number("percent", 1, 100), Timestamp("expiresAt")]),

        new(EmailTemplates.LoyaltyTierUpgraded, NotificationCategories.Loyalty,
            "You are now {{tierName}} at {{platform.name}}",
            [Text("tierName"), Link("loyaltyLink"), Paragraph("benefits", 2000).Optional()]),

        new(EmailTemplates.LoyaltyPointsExpiring, NotificationCategories.Loyalty,
            "{{points}} of your points expire soon",
            [Number("points", 1, long.MaxValue), Timestamp("expiresAt"), Link("loyaltyLink")]),
    ];

    public static EmailTemplate? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
