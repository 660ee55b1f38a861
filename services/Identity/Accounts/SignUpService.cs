using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// Sign-up without telling anyone whether an address is registered: every path answers a customer
/// id (a random one unless a user was created), hashes the password, and sends one email to the
/// address; only its owner learns which case it was.
/// </summary>
public sealed class SignUpService(
    IdentityDbContext db,
    ILookupNormalizer normalizer,
    IPasswordHasher<PlatformUser> hasher,
    PasswordWork passwordWork,
    AccountTokens tokens,
    AccountEmails emails,
    IPublishEndpoint publisher,
    TimeProvider time,
    IOptions<IdentitySettings> settings,
    ILogger<SignUpService> logger)
{
    public async Task<Guid> SignUpAsync(string email, string password, string displayName, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email);
        var existing = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);

        // Hashed on every path, so the answer takes as long for a known address as for a new one.
        var candidate = new PlatformUser { Id = Guid.CreateVersion7(), DisplayName = displayName };
        var passwordHash = await passwordWork.RunAsync(() => hasher.HashPassword(candidate, password), cancellationToken);

        if (existing is null)
        {
            var created = await CreateAsync(candidate, email, normalized, passwordHash, cancellationToken);
            if (created)
                logger.LogInformation("Customer {CustomerId} signed up; the verification email is queued", candidate.Id);
            return created ? candidate.Id : Guid.NewGuid();
        }

        // Logged by id only: the address stays out of the logs, and the answer tells the caller nothing.
        logger.LogInformation("Sign-up for the existing account {CustomerId} (verified: {Verified}); an email tells its owner", existing.Id, existing.EmailConfirmed);
        if (existing.EmailConfirmed)
        {
            await emails.AlreadyRegisteredAsync(existing, cancellationToken);
        }
        else
        {
            // The address was never proven: whoever signs up last sets the password the new link
            // confirms (the earlier link is voided), so a stranger's earlier sign-up cannot keep it.
            existing.PasswordHash = passwordHash;
            existing.DisplayName = displayName;
            existing.SecurityStamp = Guid.NewGuid().ToString("N");
            existing.ConcurrencyStamp = Guid.NewGuid().ToString();
            var token = await tokens.IssueAsync(existing.Id, AccountTokenPurpose.VerifyEmail, settings.Value.VerificationTokenLifetime, cancellationToken);
            await emails.VerifyEmailAsync(existing, token, cancellationToken);
        }

        await SaveIgnoringRacesAsync(cancellationToken);
        return Guid.NewGuid();
    }

    private async Task<bool> CreateAsync(PlatformUser user, string email, string normalized, string passwordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        user.UserName = email;
        user.NormalizedUserName = normalized;
        user.Email = email;
        user.NormalizedEmail = normalized;
        user.PasswordHash = passwordHash;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.LockoutEnabled = true;
        user.CreatedAt = now;
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = await RoleIdAsync(Roles.Customer, cancellationToken) });

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.VerifyEmail, settings.Value.VerificationTokenLifetime, cancellationToken);
        await publisher.Publish(new CustomerSignedUp
        {
            CustomerId = user.Id,
            Email = email,
            DisplayName = user.DisplayName,
            SignedUpAt = now,
        }, cancellationToken);
        await emails.VerifyEmailAsync(user, token, cancellationToken);

        // One SaveChanges: the user, its role, its token and both outbox rows commit together or not at all.
        return await SaveIgnoringRacesAsync(cancellationToken);
    }

    private Task<Guid> RoleIdAsync(string role, CancellationToken cancellationToken) =>
        db.Roles.Where(r => r.NormalizedName == normalizer.NormalizeName(role)).Select(r => r.Id).SingleAsync(cancellationToken);

    // Two sign-ups for one address at once (a double click, two replicas): the first one's email is
    // on its way, so the second changes nothing and still answers 202.
    private async Task<bool> SaveIgnoringRacesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
            || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
