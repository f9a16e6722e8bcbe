using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

public static class Personas
{
    public static string IdFor(string role) => DevelopmentPersonas.All.Single(p => p.Role == role).Id;

    public static TheoryData<string> AllIds()
    {
        var data = new TheoryData<string>();
        foreach (var persona in DevelopmentPersonas.All)
        {
            data.Add(persona.Id);
        }

        return data;
    }
}
