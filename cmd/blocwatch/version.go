package main

import (
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/blocwatch/blocwatch/internal/format"
)

// versionInfo is what `blocwatch version` reports.
type versionInfo struct {
	Version     string `json:"version"` // the module version, "(devel)" for a build from a checkout
	Go          string `json:"go"`
	Revision    string `json:"revision"` // VCS revision and time, where the build recorded them
	Time        string `json:"time"`
	Modified    bool   `json:"modified"` // built from a checkout with uncommitted changes
	Store       string `json:"store"`
	DataVersion int    `json:"data_version"` // changes with every ingest that changed data; 0 without a store
}

func (v versionInfo) Rows() *format.Rows {
	return &format.Rows{
		Columns: []string{"version", "go", "revision", "time", "modified", "store", "data_version"},
		Data:    [][]any{{v.Version, v.Go, v.Revision, v.Time, v.Modified, v.Store, v.DataVersion}},
	}
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Show the build of blocwatch, the store it reads and the store's data version",
		Long: `version shows the module version and Go version blocwatch was built with, the
VCS revision where the build recorded it, the store file (--db) and its data
version: a number that changes with every ingest that changed data. Without a
store the data version is 0.`,
		Example: `  blocwatch version
  blocwatch version --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if err := a.checkFormat(); err != nil {
				return err
			}
			v := versionInfo{Version: "unknown", Store: a.dbPath}
			if bi, ok := debug.ReadBuildInfo(); ok {
				v.Version, v.Go = bi.Main.Version, bi.GoVersion
				for _, s := range bi.Settings {
					switch s.Key {
					case "vcs.revision":
						v.Revision = s.Value
					case "vcs.time":
						v.Time = s.Value
					case "vcs.modified":
						v.Modified = s.Value == "true"
					}
				}
			}
			if _, err := os.Stat(a.dbPath); err == nil {
				s, err := a.openStore()
				if err != nil {
					return err
				}
				defer s.Close()
				if v.DataVersion, err = s.Version(c.Context()); err != nil {
					return err
				}
			}
			return a.write(v)
		},
	}
}
