using System.Globalization;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing.Returns;

/// <summary>The emails of a return, each once: its NotificationId comes from the return and the template.</summary>
public sealed class ReturnEmails(IOptions<ReturnsOptions> options, TicketEmails tickets)
{
    /// <summary>The <c>return-approved</c> email: the return number, the lines and how to send them back.</summary>
    public SendEmail Approved(ProductReturn productReturn) => Email(productReturn, EmailTemplates.ReturnApproved, new()
    {
        ["returnLines"] = string.Join('\n', productReturn.Lines.Select(l =>
            $"{l.Quantity.ToString(CultureInfo.InvariantCulture)} × {EmailText.OneLine(l.Name)} ({EmailText.OneLine(l.Sku)})")),
        ["instructions"] = EmailText.Paragraph(options.Value.Instructions, 2000),
    });

    /// <summary>The <c>return-rejected</c> email, with the agent's reason.</summary>
    public SendEmail Rejected(ProductReturn productReturn) => Email(productReturn, EmailTemplates.ReturnRejected, new()
    {
        ["reason"] = EmailText.Paragraph(productReturn.DecisionNote ?? "", 2000),
    });

    private SendEmail Email(ProductReturn productReturn, string template, Dictionary<string, string> variables) => new()
    {
        NotificationId = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"{template}/{productReturn.Id}"),
        CustomerId = productReturn.CustomerId,
        To = productReturn.CustomerEmail,
        RecipientName = productReturn.CustomerName,
        Template = template,
        Variables = new Dictionary<string, string>(variables)
        {
            ["displayName"] = EmailText.OneLine(productReturn.CustomerName ?? "there"),
            ["returnNumber"] = productReturn.ReturnNumber,
            ["orderId"] = productReturn.OrderId,
            ["returnLink"] = tickets.AppUrl() + options.Value.ReturnPath.Replace("{returnId}", productReturn.Id.ToString()),
        },
    };
}
