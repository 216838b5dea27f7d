using Dealership.Contracts.Common;

namespace Dealership.Contracts.Staff;

/// <summary>
/// What an administrator sends to create a member of staff. Without a password (an import's staff) the member signs in first
/// with a one-time code an administrator issues, and sets their own password then.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewStaff")]
public sealed record NewStaff(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] StaffRole Role,
    [property: Id(3)] IReadOnlyList<string> StoreIds,
    [property: Id(4)] bool WholeGroup,
    [property: Id(5)] string? Password)
{
    public const int MinPasswordLength = 10;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Id("username", Username).Required("displayName", DisplayName, 80);
        StaffAssignment.ValidateInto(errors, Role, StoreIds, WholeGroup);
        return Password is null ? errors : ValidatePassword(errors, "password", Password);
    }

    public static FieldErrors ValidatePassword(FieldErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            errors.Add(field, $"must be at least {MinPasswordLength} characters.");
        }
        else if (password.Length > 128)
        {
            errors.Add(field, "must be at most 128 characters.");
        }

        return errors;
    }
}

/// <summary>A change of role and scope.</summary>
[GenerateSerializer, Immutable, Alias("StaffAssignment")]
public sealed record StaffAssignment(
    [property: Id(0)] StaffRole Role,
    [property: Id(1)] IReadOnlyList<string> StoreIds,
    [property: Id(2)] bool WholeGroup)
{
    public FieldErrors Validate() => ValidateInto(new FieldErrors(), Role, StoreIds, WholeGroup);

    internal static FieldErrors ValidateInto(FieldErrors errors, StaffRole role, IReadOnlyList<string>? storeIds, bool wholeGroup)
    {
        if (!Enum.IsDefined(role) || role == StaffRole.PlatformOperator)
        {
            errors.Add("role", "is not a staff role.");
        }

        storeIds ??= [];
        if (storeIds.Count > 50)
        {
            errors.Add("storeIds", "may list at most 50 stores.");
        }

        for (var i = 0; i < Math.Min(storeIds.Count, 50); i++)
        {
            errors.Id($"storeIds[{i}]", storeIds[i]);
        }

        if (wholeGroup && storeIds.Count > 0)
        {
            errors.Add("storeIds", "must be empty when the scope is the whole group.");
        }

        if (!wholeGroup && storeIds.Count == 0)
        {
            errors.Add("storeIds", "must name at least one store (or set wholeGroup).");
        }

        if (role == StaffRole.GroupHq && !wholeGroup)
        {
            errors.Add("wholeGroup", "group HQ staff always see the whole group.");
        }

        return errors;
    }
}

/// <summary>
/// A member of staff as administrators see them. Never carries the password or its hash. <see cref="AwaitingFirstSignIn"/>: the
/// member has no password of their own yet (imported staff) and signs in with a one-time code.
/// </summary>
[GenerateSerializer, Immutable, Alias("StaffView")]
public sealed record StaffView(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] StaffRole Role,
    [property: Id(4)] IReadOnlyList<string> StoreIds,
    [property: Id(5)] bool WholeGroup,
    [property: Id(6)] bool Disabled,
    [property: Id(7)] DateTimeOffset? LockedUntil,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] string CreatedBy,
    [property: Id(10)] int Revision,
    [property: Id(11)] bool AwaitingFirstSignIn = false);

/// <summary>
/// A one-time sign-in code, shown once to the administrator who issued it: the member signs in with it and sets their own
/// password. A new code replaces the last; it works once, until it expires.
/// </summary>
[GenerateSerializer, Immutable, Alias("SignInCode")]
public sealed record SignInCode([property: Id(0)] string StaffId, [property: Id(1)] string Code, [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>The result of a sign-in attempt.</summary>
[GenerateSerializer, Immutable, Alias("SignIn")]
public sealed record SignIn(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] int Revision);

/// <summary>What a gateway needs to keep honouring a token: still enabled, and at which revision.</summary>
[GenerateSerializer, Immutable, Alias("StaffStanding")]
public sealed record StaffStanding(
    [property: Id(0)] bool Active,
    [property: Id(1)] int Revision);

/// <summary>One change to a member of staff, with who made it and when.</summary>
[GenerateSerializer, Immutable, Alias("StaffChange")]
public sealed record StaffChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);
