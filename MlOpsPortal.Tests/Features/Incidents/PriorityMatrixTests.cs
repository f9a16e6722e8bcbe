using MlOpsPortal.Features.Incidents;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>Impact × urgency → priority, by DESIGN §11's default and by an admin's edit.</summary>
public sealed class PriorityMatrixTests
{
    [Theory]
    [InlineData(Impact.High, Urgency.High, IncidentPriority.P1)]
    [InlineData(Impact.High, Urgency.Medium, IncidentPriority.P2)]
    [InlineData(Impact.Medium, Urgency.High, IncidentPriority.P2)]
    [InlineData(Impact.High, Urgency.Low, IncidentPriority.P3)]
    [InlineData(Impact.Medium, Urgency.Medium, IncidentPriority.P3)]
    [InlineData(Impact.Low, Urgency.High, IncidentPriority.P3)]
    [InlineData(Impact.Medium, Urgency.Low, IncidentPriority.P4)]
    [InlineData(Impact.Low, Urgency.Medium, IncidentPriority.P4)]
    [InlineData(Impact.Low, Urgency.Low, IncidentPriority.P4)]
    public void The_default_matrix_follows_the_design(Impact impact, Urgency urgency, IncidentPriority expected) =>
        Assert.Equal(expected, PriorityMatrix.Default.PriorityOf(impact, urgency));

    [Fact]
    public void An_edited_matrix_changes_only_its_cell_and_leaves_the_default_alone()
    {
        var edited = PriorityMatrix.Default with { MediumMedium = IncidentPriority.P2, LowLow = IncidentPriority.P3 };

        Assert.Equal(IncidentPriority.P2, edited.PriorityOf(Impact.Medium, Urgency.Medium));
        Assert.Equal(IncidentPriority.P3, edited.PriorityOf(Impact.Low, Urgency.Low));
        Assert.Equal(IncidentPriority.P1, edited.PriorityOf(Impact.High, Urgency.High));
        Assert.Equal(IncidentPriority.P4, edited.PriorityOf(Impact.Low, Urgency.Medium));
        Assert.Equal(IncidentPriority.P3, PriorityMatrix.Default.PriorityOf(Impact.Medium, Urgency.Medium));
        Assert.NotEqual(PriorityMatrix.Default, edited);
        Assert.Equal(PriorityMatrix.Default, PriorityMatrix.Default with { });
    }
}
