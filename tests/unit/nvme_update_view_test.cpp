// SPDX-License-Identifier: GPL-2.0
// mctp-nvme-update's drive argument and progress output
// (tools/nvme-update/update_view.hpp).
#include <gtest/gtest.h>

#include "update_view.hpp"

using namespace mctpxx::nvme_update;

TEST(NvmeUpdateView, DrivePath)
{
	EXPECT_EQ(drive_path("nvme_1_20"), "/xyz/openbmc_project/inventory/system/drive/nvme_1_20");
	EXPECT_EQ(drive_path("bay0"), "/xyz/openbmc_project/inventory/system/drive/bay0");
	EXPECT_EQ(drive_path("/xyz/openbmc_project/inventory/system/drive/bay0"),
		  "/xyz/openbmc_project/inventory/system/drive/bay0");
	EXPECT_FALSE(drive_path(""));
	EXPECT_FALSE(drive_path("nvme-1"));
	EXPECT_FALSE(drive_path("a/b"));
	EXPECT_FALSE(drive_path("/"));
	EXPECT_FALSE(drive_path("/xyz//drive"));
	EXPECT_FALSE(drive_path("/xyz/drive/"));
}

TEST(NvmeUpdateView, ProgressOutput)
{
	EXPECT_EQ(progress_bar(50, "Downloading", 10), "[#####.....]  50% Downloading");
	EXPECT_EQ(progress_bar(0, "Downloading", 4), "[....]   0% Downloading");
	EXPECT_EQ(progress_bar(100, "Activated", 4), "[####] 100% Activated");
	EXPECT_EQ(progress_bar(250, "Activated", 4), "[####] 100% Activated");
	EXPECT_EQ(progress_line(45, "Downloading"), "Downloading 45%");
}

TEST(NvmeUpdateView, FinalStates)
{
	EXPECT_TRUE(final_state("Activated"));
	EXPECT_TRUE(final_state("Committed"));
	EXPECT_TRUE(final_state("Failed"));
	EXPECT_FALSE(final_state("Downloading"));
	EXPECT_FALSE(final_state("Idle"));
	EXPECT_TRUE(success_state("Activated"));
	EXPECT_FALSE(success_state("Failed"));
}
