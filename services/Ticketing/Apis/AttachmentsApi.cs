using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CustomerPlatform.Ticketing;

/// <summary>The files customers sent with their messages.</summary>
public static class AttachmentsApi
{
    /// <summary>
    /// One file of a ticket the caller may see (404 otherwise, and for one that was over the size limit).
    /// Always a download, never shown in the page: a customer's HTML or SVG file opened on our origin could
    /// run script as the agent reading it, so it is served as an attachment, not sniffed, in a sandbox.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(
        Guid ticketId, Guid attachmentId, ClaimsPrincipal user, HttpResponse response, TicketingDbContext db, CancellationToken cancellationToken)
    {
        var visible = db.Tickets.AsNoTracking().VisibleTo(user).Where(t => t.Id == ticketId);
        var file = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == attachmentId && a.TicketId == ticketId && a.Kept && visible.Any())
            .Where(a => db.Messages.Any(m => m.Id == a.MessageId && (!m.Internal || user.IsStaff())))
            .Select(a => new { a.FileName, a.ContentType, a.Content })
            .SingleOrDefaultAsync(cancellationToken);
        if (file?.Content is null)
            return TypedResults.NotFound();

        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        var type = MediaTypeHeaderValue.TryParse(file.ContentType, out _) ? file.ContentType : "application/octet-stream";
        return TypedResults.File(file.Content, type, file.FileName);
    }
}
