namespace Dealership.Contracts.Common;

/// <summary>
/// Marks a grain method that only other grains call, as a step of a flow they have checked (a customer's contact recorded by the
/// showroom register, a car leaving on a transfer): the silo refuses it from a client, whoever the caller claims to be, except
/// the operator's tooling.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ForGrainsOnlyAttribute : Attribute;
