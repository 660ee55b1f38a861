namespace CustomerPlatform.Identity;

/// <summary>How a change of password or address by <see cref="AccountChangeService"/> ended.</summary>
public enum AccountChangeOutcome
{
    Changed,
    Requested,
    NotFound,
    WrongPassword,
    SameAddress,
    Conflict,
    InvalidToken,
    AddressTaken,
}
