namespace AiPolicyHub.Core.Inventory;

public class Department
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A manager's responsibility for a department: they may edit its workflows.</summary>
public class DepartmentManager
{
    public int DepartmentId { get; set; }
    public string UserId { get; set; } = "";
}
