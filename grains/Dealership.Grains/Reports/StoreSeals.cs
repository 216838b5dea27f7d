using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Reports;
using Dealership.Trust;

namespace Dealership.Grains.Reports;

/// <summary>
/// The store seal on an approved OEM order: an HMAC over the store, month, lines, approver and time, under a key of the store's
/// own derived from the installation's seal key (Cluster:SealKey, held by silos only). Anyone who edits the stored order (its
/// lines, its approver or its time) without that key breaks the seal, and the export refuses it.
/// </summary>
public sealed class StoreSeals(SigningKeys installationKeys)
{
    /// <summary>The seal text: the current key's id and the MAC, "kid.hex".</summary>
    public string Seal(string storeId, OemOrderView order, string approvedBy, DateTimeOffset approvedAt) =>
        $"{installationKeys.CurrentId}.{Convert.ToHexStringLower(HMACSHA256.HashData(StoreKey(installationKeys.All.First().Key, storeId),
            Payload(storeId, order.Month, order.Lines, approvedBy, approvedAt)))}";

    /// <summary>True when the order's seal matches its stored lines, approver and time under the key that made it.</summary>
    public bool Verify(OemOrderView order)
    {
        if (order.Seal is not { Signature: { Length: > 0 } signature } seal || signature.Split('.') is not [var keyId, var hex])
        {
            return false;
        }

        var payload = Payload(order.StoreId, order.Month, order.Lines, seal.ApprovedBy, seal.ApprovedAt);
        foreach (var (id, key) in installationKeys.All)
        {
            if (id == keyId)
            {
                var expected = HMACSHA256.HashData(StoreKey(key, order.StoreId), payload);
                return hex.Length == expected.Length * 2 && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hex));
            }
        }

        return false;
    }

    private static byte[] StoreKey(byte[] installationKey, string storeId) =>
        HMACSHA256.HashData(installationKey, Encoding.UTF8.GetBytes("oem-order-seal:" + storeId));

    private static byte[] Payload(string storeId, string month, IEnumerable<OemOrderLine> lines, string approvedBy, DateTimeOffset approvedAt) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [
            storeId, month, approvedBy, approvedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            .. lines.Select(l => $"{l.Model}|{l.Trim}|{l.Colour}|{l.Quantity.ToString(CultureInfo.InvariantCulture)}")]));
}
