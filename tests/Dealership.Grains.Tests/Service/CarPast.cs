namespace Dealership.Grains.Tests.Service;

/// <summary>
/// A car's past as rows: its delivery months ago (the vehicle, its history, the customer and the deal, as those grains write
/// them) and its visits to the workshop, so due dates and warranty ends can be worked out by hand.
/// </summary>
public static class CarPast
{
    public static async Task Sold(ClusterFixture fixture, ServiceStore store, string vin, DateTimeOffset deliveredAt, string model)
    {
        var customer = "cu" + Guid.NewGuid().ToString("N")[..16];
        await fixture.Scalar<int>(
            "INSERT INTO vehicles (group_id, vin, store_id, model, trim, colour, status, demo, revision, certificate, cost, updated_at) " +
            "VALUES ($1, $2, $3, $4, '380TSI', 'White', 'Delivered', false, 3, 'CERT', 200000, $5) RETURNING 1",
            store.Group, vin, store.Id, model, deliveredAt.UtcDateTime);
        await fixture.Scalar<int>(
            "INSERT INTO vehicle_history (group_id, vin, revision, at, by, what, from_status, to_status, store_id) " +
            "VALUES ($1, $2, 3, $3, 'sc', 'delivered', 'Sold', 'Delivered', $4) RETURNING 1", store.Group, vin, deliveredAt.UtcDateTime, store.Id);
        await fixture.Scalar<int>(
            "INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, updated_at, revision) " +
            "VALUES ($1, $2, $3, '赵先生', '138****8000', $4, 1, 0, $4, 1) RETURNING 1", store.Group, store.Id, customer, deliveredAt.UtcDateTime);
        await fixture.Scalar<int>(
            "INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, " +
            "selling_price, gross_profit, updated_at, revision, opened_at) " +
            "VALUES ($1, $2, $3, $4, '赵先生', 'sc', 'Delivered', $5, '380TSI', 'White', $6, 200000, 5000, $7, 5, $7) RETURNING 1",
            store.Group, store.Id, "dl" + Guid.NewGuid().ToString("N")[..16], customer, model, vin, deliveredAt.UtcDateTime);
    }

    // A visit as the repair order's row has it once the car was handed back.
    public static async Task Visit(ClusterFixture fixture, ServiceStore store, string vin, DateTimeOffset at, int odometer, DateOnly? nextVisit = null) =>
        await fixture.Scalar<int>(
            "INSERT INTO repair_orders (store_id, repair_order_id, group_id, customer_id, customer_name, mobile, vin, odometer, concern, advisor_id, " +
            "status, opened_at, delivered_at, total, revision, next_visit) " +
            "VALUES ($1, $2, $3, 'cu0000000000000001', '赵先生', '13800138000', $4, $5, 'service', 'sa', 'Closed', $6, $6, 500, 9, $7) RETURNING 1",
            store.Id, ServiceStore.NewId("ro"), store.Group, vin, odometer, at.UtcDateTime, (object?)nextVisit ?? DBNull.Value);
}
