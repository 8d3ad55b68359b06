package org.observatory.app;

import java.nio.file.Path;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.storage.DataDirectory;
import picocli.CommandLine.Option;

/**
 * Where a command's data is: the data directory and (for a deployment other than the 35 OAS member states, e.g. one
 * national observatory) the member list. {@link CommonOptions} adds the output format; a command whose formats
 * differ (the report command's csv and html) mixes in these alone.
 */
public class DataOptions {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "data")
    Path data;

    @Option(
            names = "--members",
            paramLabel = "FILE",
            description = "The deployment's member list, in the format of schemas codelists/members.csv"
                    + " (default: the 35 OAS member states).")
    Path members;

    /** The shipped codelists with the deployment's member list. */
    public Codelists codelists() {
        if (members == null) {
            return Codelists.load();
        }
        Countries countries = Countries.load();
        return Codelists.withMembers(MemberList.load(members, countries), countries);
    }

    public DataDirectory dataDirectory() {
        return new DataDirectory(data);
    }
}
