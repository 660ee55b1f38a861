using System.Globalization;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Customers;

/// <summary>
/// The emails an order sends through Notifications. Each NotificationId is derived from the order and the
/// kind of email, so that however often one is asked for, Notifications sends it once.
/// </summary>
public sealed class OrderEmails(IOptions<CustomersOptions> options, IConfiguration configuration)
{
    public SendEmail Confirmation(Order order) => Email(order, EmailTemplates.OrderConfirmation, new()
    {
        ["orderLines"] = EmailText.Paragraph(string.Join('\n', order.Lines.Select(l =>
            $"{l.Quantity} × {l.Name} ({l.Sku}): {Money(l.UnitPrice * l.Quantity, order.Currency)}")), 4000),
        ["orderTotal"] = Money(order.Total, order.Currency),
        ["estimatedDelivery"] = Time(order.EstimatedDelivery),
    });

    public SendEmail Shipped(Order order) => Email(order, EmailTemplates.OrderShipped, new()
    {
        ["carrier"] = EmailText.OneLine(order.Carrier ?? ""),
        ["trackingNumber"] = EmailText.OneLine(order.TrackingNumber ?? ""),
        ["estimatedDelivery"] = Time(order.EstimatedDelivery),
    });

    public SendEmail Delivered(Order order) => Email(order, EmailTemplates.OrderDelivered, new()
    {
        ["deliveredAt"] = Time(order.DeliveredAt ?? order.UpdatedAt),
    });

    public SendEmail FollowUp(Order order)
    {
        var settings = options.Value;
        var appUrl = (settings.AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/');
        return Email(order, EmailTemplates.OrderFollowUp, new() { ["supportLink"] = appUrl + settings.SupportPath });
    }

    private static SendEmail Email(Order order, string template, Dictionary<string, string> variables)
    {
        variables["displayName"] = EmailText.OneLine(order.CustomerName);
        variables["orderId"] = order.Id;
        return new SendEmail
        {
            NotificationId = NotificationIds.NameBased(ResourceNames.Services.Customers, $"{template}/{order.Id}"),
            CustomerId = order.CustomerId ?? Guid.Empty,
            To = order.Email,
            RecipientName = EmailText.OneLine(order.CustomerName),
            Template = template,
            Variables = variables,
        };
    }

    private static string Money(decimal amount, string currency) =>
        amount.ToString("0.00##", CultureInfo.InvariantCulture) + " " + currency;

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
